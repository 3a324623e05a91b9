import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, scriptedFetch } from '../../client-core/test/helpers/scripted-fetch.ts';
import { ApiError, createSendGridProvisioningClient } from '../src/index.ts';
import { responseExamples } from './spec.ts';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('429 with X-RateLimit-Reset', () => {
  it('waits until the reset time, then retries with the same body', async () => {
    const reset = String(NOW / 1000 + 4);
    const { fetch, calls } = scriptedFetch(
      jsonResponse(429, responseExamples['429'], { 'X-RateLimit-Reset': reset }),
      jsonResponse(200, responseExamples['200']),
    );
    const client = createSendGridProvisioningClient({ apiKey: 'k', fetch });
    const promise = client.updateAccountOfferings('acc', { offerings: [{ name: 'org.ei.free.v1', type: 'package' }] });
    await vi.advanceTimersByTimeAsync(3999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(promise).resolves.toEqual(responseExamples['200']);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toBe(calls[0]!.body);
  });

  it('fails at once with the typed 429 body and retryAfterMs when the reset is beyond 60 s', async () => {
    const reset = String(NOW / 1000 + 3600);
    const { fetch, calls } = scriptedFetch(jsonResponse(429, responseExamples['429'], { 'X-RateLimit-Reset': reset }));
    const client = createSendGridProvisioningClient({ apiKey: 'k', fetch });
    const error = (await client.updateAccountOfferings('acc', { offerings: [] }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000, body: responseExamples['429'], attempts: 1 });
    expect(calls).toHaveLength(1);
  });
});
