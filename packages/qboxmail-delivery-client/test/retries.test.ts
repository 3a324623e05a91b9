import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, scriptedFetch } from '../../client-core/test/helpers/scripted-fetch.ts';
import { ApiError, createQboxmailDeliveryClient } from '../src/index.ts';
import { responseExamples } from './spec.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('retries through the client', () => {
  it('retries the documented 500 and resolves', async () => {
    const { fetch, calls } = scriptedFetch(
      jsonResponse(500, responseExamples['500']),
      jsonResponse(200, responseExamples['200']),
    );
    const client = createQboxmailDeliveryClient({ apiToken: 'qbx_token_123', fetch });
    const promise = client.updateDeliveryAccount(3, { volume: 2 });
    await vi.runAllTimersAsync();
    await expect(promise).resolves.toEqual(responseExamples['200']);
    expect(calls.map((c) => c.at - calls[0]!.at)).toEqual([0, 250]);
    expect(calls.map((c) => c.body)).toEqual(['{"volume":2}', '{"volume":2}']);
  });

  it('does not retry 422 and exposes the typed error envelope', async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(422, responseExamples['422']));
    const client = createQboxmailDeliveryClient({ apiToken: 'qbx_token_123', fetch });
    const error = (await client.updateDeliveryAccount(3, { bounce_notification: 'x' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.body).toEqual(responseExamples['422']);
    expect(calls).toHaveLength(1);
  });

  it('does not use X-RateLimit-Reset (SendGrid only): a 429 backs off normally', async () => {
    const { fetch, calls } = scriptedFetch(
      jsonResponse(429, {}, { 'X-RateLimit-Reset': String(Date.now() / 1000 + 3600) }),
      jsonResponse(200, responseExamples['200']),
    );
    const client = createQboxmailDeliveryClient({ apiToken: 'qbx_token_123', fetch });
    const promise = client.updateDeliveryAccount(3, {});
    await vi.runAllTimersAsync();
    await expect(promise).resolves.toEqual(responseExamples['200']);
    expect(calls.map((c) => c.at - calls[0]!.at)).toEqual([0, 250]);
  });
});
