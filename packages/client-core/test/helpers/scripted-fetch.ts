/**
 * An injected `fetch` that plays a script, for tests where exact control (fake timers, failures,
 * hanging requests) is easier than a real server. Every call is captured as a real `Request`.
 */
import type { FetchLike } from '../../src/index.ts';

export type Step = Response | Error | 'hang' | (() => Response);

export interface Captured {
  request: Request;
  /** The body text sent. */
  body: string;
  /** `Date.now()` when fetch was called (fake time under fake timers). */
  at: number;
  signal: AbortSignal;
}

/** Returns a fetch that answers call n with steps[n] (the last step repeats) and the list of captured calls. */
export function scriptedFetch(...steps: Step[]): { fetch: FetchLike; calls: Captured[] } {
  const calls: Captured[] = [];
  const fetch: FetchLike = async (input, init) => {
    const signal = init?.signal as AbortSignal;
    const body = typeof init?.body === 'string' ? init.body : '';
    calls.push({ request: new Request(input as string, { ...init, signal: undefined }), body, at: Date.now(), signal });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    }
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step() : step.clone();
  };
  return { fetch, calls };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
