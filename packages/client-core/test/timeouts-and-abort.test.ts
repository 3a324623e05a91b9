import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, DEFAULT_TIMEOUT_MS, execute, RequestError } from '../src/index.ts';
import { jsonResponse, scriptedFetch } from './helpers/scripted-fetch.ts';
import { OP, testTransport } from './helpers/transport.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Attaches a handler at once (no unhandled rejection) and exposes the state. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('per-attempt timeout', () => {
  it('defaults to 30 s and rejects with RequestError kind timeout', async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30000);
    const { fetch, calls } = scriptedFetch('hang');
    const state = track(execute(testTransport({ fetch, maxRetries: 0 }), OP, '/x', '{}'));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.error).toBeInstanceOf(RequestError);
    expect(state.error).toMatchObject({ kind: 'timeout', attempts: 1, code: 'REQUEST_ERROR', name: 'RequestError' });
    expect((state.error as Error).message).toBe('PUT http://api.test/x timed out after 30000 ms');
    expect(calls[0]!.signal.aborted).toBe(true);
  });

  it('uses the client timeoutMs, overridden by the call timeoutMs', async () => {
    const a = scriptedFetch('hang');
    const clientLevel = track(execute(testTransport({ fetch: a.fetch, maxRetries: 0, timeoutMs: 1000 }), OP, '/x', '{}'));
    await vi.advanceTimersByTimeAsync(999);
    expect(clientLevel.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(clientLevel.error).toMatchObject({ kind: 'timeout' });

    const b = scriptedFetch('hang');
    const callLevel = track(
      execute(testTransport({ fetch: b.fetch, maxRetries: 0, timeoutMs: 1000 }), OP, '/x', '{}', { timeoutMs: 200 }),
    );
    await vi.advanceTimersByTimeAsync(199);
    expect(callLevel.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(callLevel.error).toMatchObject({ kind: 'timeout', message: 'PUT http://api.test/x timed out after 200 ms' });
  });

  it('applies per attempt: a timed-out attempt is retried with a fresh timeout', async () => {
    const { fetch, calls } = scriptedFetch('hang', jsonResponse(200, { ok: true }));
    const state = track(execute(testTransport({ fetch, timeoutMs: 1000 }), OP, '/x', '{}'));
    await vi.advanceTimersByTimeAsync(1000 + 250);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.value).toEqual({ ok: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timer after a success (no timer left behind)', async () => {
    const { fetch } = scriptedFetch(jsonResponse(200, { ok: true }));
    await expect(execute(testTransport({ fetch }), OP, '/x', '{}')).resolves.toEqual({ ok: true });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('caller abort', () => {
  it('before the call: rejects with kind aborted without calling fetch', async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(200, {}));
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    const error = await execute(testTransport({ fetch }), OP, '/x', '{}', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ kind: 'aborted', attempts: 0, message: 'PUT http://api.test/x was aborted by the caller' });
    expect((error as RequestError).cause).toBe(controller.signal.reason);
    expect(calls).toHaveLength(0);
  });

  it('during the request: rejects promptly, is never retried, and aborts the fetch', async () => {
    const { fetch, calls } = scriptedFetch('hang');
    const controller = new AbortController();
    const state = track(execute(testTransport({ fetch, maxRetries: 5 }), OP, '/x', '{}', { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort('stop');
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toMatchObject({ name: 'RequestError', kind: 'aborted', attempts: 1, cause: 'stop' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.signal.aborted).toBe(true);
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('during a retry wait: rejects promptly and cancels the wait', async () => {
    const { fetch, calls } = scriptedFetch(jsonResponse(503, {}, { 'Retry-After': '30' }), jsonResponse(200, {}));
    const controller = new AbortController();
    const state = track(execute(testTransport({ fetch }), OP, '/x', '{}', { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(state.settled).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(vi.getTimerCount()).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('does not leave a listener on the caller signal after the call', async () => {
    const { fetch } = scriptedFetch(jsonResponse(500, {}), jsonResponse(200, { ok: 1 }));
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const state = track(execute(testTransport({ fetch }), OP, '/x', '{}', { signal: controller.signal }));
    await vi.runAllTimersAsync();
    expect(state.value).toEqual({ ok: 1 });
    expect(add.mock.calls.length).toBe(3); // two attempts + one wait
    expect(remove.mock.calls.map((c) => c[1])).toEqual(add.mock.calls.map((c) => c[1]));
  });

  it('a timeout is not mistaken for a caller abort, and an unrelated signal does not abort', async () => {
    const { fetch } = scriptedFetch('hang');
    const controller = new AbortController();
    const state = track(
      execute(testTransport({ fetch, maxRetries: 0, timeoutMs: 50 }), OP, '/x', '{}', { signal: controller.signal }),
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(state.error).toMatchObject({ kind: 'timeout' });
    expect(state.error).not.toBeInstanceOf(ApiError);
  });
});
