import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, backoffMs, execute, MAX_RETRY_WAIT_MS, RequestError } from '../src/index.ts';
import { jsonResponse, scriptedFetch } from './helpers/scripted-fetch.ts';
import { OP, testTransport } from './helpers/transport.ts';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs a call to completion under fake timers and returns its settled outcome. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

const waits = (calls: { at: number }[]) => calls.slice(1).map((c, i) => c.at - calls[i]!.at);

describe('backoff', () => {
  it('is full-jitter exponential from 500 ms, capped at 60 s', () => {
    expect([1, 2, 3, 4, 8, 9, 20].map(backoffMs)).toEqual([250, 500, 1000, 2000, 30000, 30000, 30000]);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffMs(3)).toBe(0);
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(backoffMs(1)).toBe(499);
    expect(backoffMs(30)).toBe(59999);
    expect(MAX_RETRY_WAIT_MS).toBe(60000);
  });
});

describe('retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i, then resolves with the success body', async (status) => {
    const { fetch, calls } = scriptedFetch(jsonResponse(status, { message: 'try again' }), jsonResponse(200, { ok: true }));
    const result = await settle(execute(testTransport({ fetch }), OP, '/things/1', '{"a":1}'));
    expect(result).toEqual({ value: { ok: true } });
    expect(calls).toHaveLength(2);
    expect(waits(calls)).toEqual([250]);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])('does not retry %i', async (status) => {
    const { fetch, calls } = scriptedFetch(jsonResponse(status, { message: 'no' }), jsonResponse(200, {}));
    const { error } = await settle(execute(testTransport({ fetch }), OP, '/things/1', '{}'));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect((error as ApiError).attempts).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('makes 1 + maxRetries (default 2) attempts with growing waits, then throws the last ApiError', async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(503, { message: 'down' }));
    const { error } = await settle(execute(testTransport({ fetch }), OP, '/things/1', '{"a":1}'));
    expect(calls).toHaveLength(3);
    expect(waits(calls)).toEqual([250, 500]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, attempts: 3, body: { message: 'down' }, retryAfterMs: undefined });
  });

  it('re-sends the same method, URL, headers and body on every attempt', async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(500, {}), new TypeError('fetch failed'), jsonResponse(200, { done: 1 }));
    const body = JSON.stringify({ offerings: [{ name: 'x', type: 'addon', quantity: 2 }] });
    const { value } = await settle(execute(testTransport({ fetch, headers: { 'X-Trace': 't1' } }), OP, '/things/1', body));
    expect(value).toEqual({ done: 1 });
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.request.method).toBe('PUT');
      expect(call.request.url).toBe('http://api.test/things/1');
      expect(call.body).toBe(body);
      expect(call.request.headers.get('authorization')).toBe('Bearer sk-TEST.Secret_123');
      expect(call.request.headers.get('x-trace')).toBe('t1');
    }
  });

  it('honours maxRetries from the client and from the call', async () => {
    const a = scriptedFetch(jsonResponse(500, {}));
    await settle(execute(testTransport({ fetch: a.fetch, maxRetries: 0 }), OP, '/x', '{}'));
    expect(a.calls).toHaveLength(1);
    const b = scriptedFetch(jsonResponse(500, {}));
    const { error } = await settle(execute(testTransport({ fetch: b.fetch, maxRetries: 0 }), OP, '/x', '{}', { maxRetries: 4 }));
    expect(b.calls).toHaveLength(5);
    expect(waits(b.calls)).toEqual([250, 500, 1000, 2000]);
    expect((error as ApiError).attempts).toBe(5);
  });

  it('retries network errors and finally throws RequestError kind network with the cause', async () => {
    const cause = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    const { fetch, calls } = scriptedFetch(cause);
    const { error } = await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(calls).toHaveLength(3);
    expect(waits(calls)).toEqual([250, 500]);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ kind: 'network', attempts: 3, method: 'PUT', url: 'http://api.test/x' });
    expect((error as RequestError).cause).toBe(cause);
    expect((error as Error).message).toBe('PUT http://api.test/x failed: fetch failed (connect ECONNREFUSED 127.0.0.1:9)');
  });
});

describe('server-requested waits', () => {
  it('waits exactly Retry-After seconds', async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(503, {}, { 'Retry-After': '7' }), jsonResponse(200, { ok: 1 }));
    const { value } = await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(value).toEqual({ ok: 1 });
    expect(waits(calls)).toEqual([7000]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const date = new Date(NOW + 12_000).toUTCString();
    const { fetch, calls } = scriptedFetch(jsonResponse(429, {}, { 'Retry-After': date }), jsonResponse(200, { ok: 1 }));
    await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(waits(calls)).toEqual([12000]);
  });

  it('waits until X-RateLimit-Reset (Unix seconds) on 429', async () => {
    const reset = String(NOW / 1000 + 9);
    const { fetch, calls } = scriptedFetch(jsonResponse(429, {}, { 'X-RateLimit-Reset': reset }), jsonResponse(200, { ok: 1 }));
    await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(waits(calls)).toEqual([9000]);
  });

  it('ignores X-RateLimit-Reset on other statuses (uses backoff)', async () => {
    const reset = String(NOW / 1000 + 9);
    const { fetch, calls } = scriptedFetch(jsonResponse(503, {}, { 'X-RateLimit-Reset': reset }), jsonResponse(200, { ok: 1 }));
    await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(waits(calls)).toEqual([250]);
  });

  it('prefers Retry-After over X-RateLimit-Reset', async () => {
    const headers = { 'Retry-After': '2', 'X-RateLimit-Reset': String(NOW / 1000 + 9) };
    const { fetch, calls } = scriptedFetch(jsonResponse(429, {}, headers), jsonResponse(200, { ok: 1 }));
    await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(waits(calls)).toEqual([2000]);
  });

  it('fails at once with retryAfterMs when the server asks for more than 60 s (Retry-After)', async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(503, { message: 'later' }, { 'Retry-After': '61' }));
    const { error } = await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ name: 'ApiError', status: 503, retryAfterMs: 61000, attempts: 1 });
  });

  it('fails at once when X-RateLimit-Reset is more than 60 s away, and waits exactly 60 s when it is 60 s away', async () => {
    const far = scriptedFetch(jsonResponse(429, {}, { 'X-RateLimit-Reset': String(NOW / 1000 + 120) }));
    const { error } = await settle(execute(testTransport({ fetch: far.fetch }), OP, '/x', '{}'));
    expect(far.calls).toHaveLength(1);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120000 });
    vi.setSystemTime(NOW);
    const edge = scriptedFetch(jsonResponse(429, {}, { 'Retry-After': '60' }), jsonResponse(200, {}));
    await settle(execute(testTransport({ fetch: edge.fetch }), OP, '/x', '{}'));
    expect(waits(edge.calls)).toEqual([60000]);
  });

  it('reports retryAfterMs on the final error after retries are exhausted', async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(429, {}, { 'Retry-After': '1' }));
    const { error } = await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(calls).toHaveLength(3);
    expect(waits(calls)).toEqual([1000, 1000]);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 1000, attempts: 3 });
  });

  it('treats a Retry-After date in the past as no wait', async () => {
    const { fetch, calls } = scriptedFetch(
      jsonResponse(503, {}, { 'Retry-After': new Date(NOW - 5000).toUTCString() }),
      jsonResponse(200, {}),
    );
    await settle(execute(testTransport({ fetch }), OP, '/x', '{}'));
    expect(waits(calls)).toEqual([0]);
  });
});
