/**
 * The one request loop shared by every mailapis client: per-attempt timeout combined with the
 * caller's AbortSignal, retries with exponential backoff and full jitter, `Retry-After` and
 * rate-limit-reset handling, and typed errors. Uses only `fetch`, `AbortController`, `Headers` and
 * timers, so it runs on Node, Deno, Bun and browsers.
 */
import {
  ApiError,
  REQUEST_ID_HEADERS,
  RequestError,
  type RequestErrorKind,
  RequestValidationError,
  safeHeaders,
  scrub,
  scrubCause,
} from './errors.ts';
import { baseUrlOption, credentialOption, headersOption, integerOption, MAX_RETRIES, MAX_TIMER_MS } from './validate.ts';

/** A `fetch`-compatible function. It must honour `init.signal` (every runtime's fetch does). */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Header input accepted by the options: a plain object, a `Headers` instance or a list of pairs. */
export type HeadersInput = Record<string, string> | Headers | ReadonlyArray<readonly [string, string]>;

/** Options every client factory accepts besides its credential and server choice. */
export interface BaseClientOptions {
  /** Overrides the server URL from the spec (e.g. a mock server or a proxy). Absolute http(s) URL. */
  baseUrl?: string;
  /** Custom fetch implementation; defaults to the global `fetch` at call time. */
  fetch?: FetchLike;
  /** Per-attempt timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable failures (default 2, at most 10). */
  maxRetries?: number;
  /** Extra headers sent with every request. The authentication header cannot be set here. */
  headers?: HeadersInput;
}

/** Per-call options every operation method accepts. */
export interface CallOptions {
  /** Aborts the call, including any retry wait; a caller abort is never retried. */
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds for this call. */
  timeoutMs?: number;
  /** Retries for this call. */
  maxRetries?: number;
  /** Extra headers for this call, merged over the client's. The authentication header cannot be set here. */
  headers?: HeadersInput;
}

/** How the client authenticates, from the spec's security scheme. */
export interface AuthScheme {
  /** Name of the factory option holding the credential (used in error messages), e.g. `apiKey`. */
  option: string;
  /** Header that carries it, e.g. `Authorization` or `X-Api-Token`. */
  header: string;
  /** Text put before the credential, e.g. `Bearer ` (empty for API-key headers). */
  prefix: string;
}

/** A validated, immutable client configuration. Created once per client by `createTransport`. */
export interface Transport {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly authHeader: string;
  readonly authOption: string;
  readonly secret: string;
  readonly fetch: FetchLike | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly rateLimitResetHeader: string | undefined;
}

/** What the request loop needs to know about an operation. */
export interface OperationInfo {
  readonly method: string;
  /** Every status the spec documents for the operation; bodies of the others are kept as raw text. */
  readonly documentedStatuses: readonly number[];
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** Each retry wait is at most this long; a server asking for longer makes the call fail at once. */
export const MAX_RETRY_WAIT_MS = 60_000;
/** Backoff before retry n (1-based) is uniformly random in [0, min(MAX_RETRY_WAIT_MS, BASE · 2^(n-1))). */
export const RETRY_BASE_DELAY_MS = 500;
/** HTTP statuses that are retried (both operations are idempotent full replacements). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Validates the shared factory options once and freezes them into a `Transport`.
 * `defaultBaseUrl` comes from the spec's `servers`; `auth` from its security scheme.
 */
export function createTransport(
  options: BaseClientOptions,
  credential: unknown,
  auth: AuthScheme,
  defaultBaseUrl: string,
  rateLimitResetHeader?: string,
): Transport {
  const secret = credentialOption(auth.option, credential);
  const authHeader = auth.header.toLowerCase();
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new RequestValidationError('fetch', 'must be a function');
  }
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    ...(options.headers && headersOption('headers', options.headers, authHeader, auth.option)),
    [authHeader]: auth.prefix + secret,
  };
  return {
    baseUrl: options.baseUrl === undefined ? defaultBaseUrl : baseUrlOption('baseUrl', options.baseUrl),
    headers,
    authHeader,
    authOption: auth.option,
    secret,
    fetch: options.fetch,
    timeoutMs: integerOption('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 1, MAX_TIMER_MS),
    maxRetries: integerOption('maxRetries', options.maxRetries, DEFAULT_MAX_RETRIES, 0, MAX_RETRIES),
    rateLimitResetHeader,
  };
}

/** State of one attempt; doubles as the caller-signal listener, so no closure is created per call. */
class Attempt extends AbortController {
  timedOut = false;
  handleEvent(): void {
    this.abort();
  }
}

function onAttemptTimeout(attempt: Attempt): void {
  attempt.timedOut = true;
  attempt.abort();
}

/**
 * Sends one operation call and resolves to the parsed success body. `path` must already hold the
 * validated, encoded path parameters; `body` is the JSON text, re-sent unchanged on every attempt.
 */
export async function execute<TSuccess, TError = unknown>(
  t: Transport,
  op: OperationInfo,
  path: string,
  body: string | undefined,
  options?: CallOptions,
): Promise<TSuccess> {
  const url = t.baseUrl + path;
  const method = op.method;
  let headers = t.headers;
  let timeoutMs = t.timeoutMs;
  let maxRetries = t.maxRetries;
  let signal: AbortSignal | undefined;
  if (options) {
    timeoutMs = integerOption('options.timeoutMs', options.timeoutMs, timeoutMs, 1, MAX_TIMER_MS);
    maxRetries = integerOption('options.maxRetries', options.maxRetries, maxRetries, 0, MAX_RETRIES);
    if (options.headers !== undefined) {
      headers = { ...headers, ...headersOption('options.headers', options.headers, t.authHeader, t.authOption) };
    }
    signal = options.signal;
    if (signal !== undefined && typeof signal?.addEventListener !== 'function') {
      throw new RequestValidationError('options.signal', 'must be an AbortSignal');
    }
  }
  const init: RequestInit = { method, headers, body, redirect: 'manual' };
  for (let attempts = 1; ; attempts++) {
    // Reached first, after a failed attempt, and when a retry wait ends (early if the caller aborts).
    if (signal?.aborted) {
      throw requestError('aborted', 'was aborted by the caller', signal.reason, t, method, url, attempts - 1);
    }
    const attempt = new Attempt();
    init.signal = attempt.signal;
    const timer = setTimeout(onAttemptTimeout, timeoutMs, attempt);
    signal?.addEventListener('abort', attempt);
    let error: RequestError | ApiError<TError>;
    let wait: number | undefined;
    try {
      const response = await (t.fetch ?? fetch)(url, init);
      const text = await response.text();
      const status = response.status;
      if (status > 199 && status < 300) {
        try {
          return JSON.parse(text) as TSuccess;
        } catch {
          throw apiError<TError>(t, op, response, text, method, url, attempts, undefined, 'body is not valid JSON');
        }
      }
      wait = serverWaitMs(response.headers, status, t.rateLimitResetHeader);
      error = apiError<TError>(t, op, response, text, method, url, attempts, wait);
      if (!RETRYABLE_STATUSES.has(status)) throw error;
    } catch (cause) {
      if (cause instanceof ApiError) throw cause;
      if (signal?.aborted) continue;
      error = attempt.timedOut
        ? requestError('timeout', `timed out after ${timeoutMs} ms`, cause, t, method, url, attempts)
        : requestError(
            'network',
            `failed: ${(cause as Error)?.message}${(cause as Error)?.cause ? ` (${((cause as Error).cause as Error).message})` : ''}`,
            cause,
            t,
            method,
            url,
            attempts,
          );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', attempt);
    }
    wait ??= backoffMs(attempts);
    if (attempts > maxRetries || wait > MAX_RETRY_WAIT_MS) throw error;
    await sleep(wait, signal);
  }
}

/** Full-jitter exponential backoff before retry `n` (1-based). */
export function backoffMs(n: number): number {
  return Math.floor(Math.random() * Math.min(MAX_RETRY_WAIT_MS, RETRY_BASE_DELAY_MS * 2 ** (n - 1)));
}

/**
 * The wait the server asked for, in ms: `Retry-After` (delay-seconds or HTTP-date) on any status,
 * else, on 429, the rate-limit reset header (Unix seconds) when the client names one.
 */
export function serverWaitMs(headers: Headers, status: number, rateLimitResetHeader: string | undefined): number | undefined {
  const retryAfter = headers.get('retry-after');
  const reset = status === 429 && rateLimitResetHeader ? headers.get(rateLimitResetHeader) : null;
  const ms = retryAfter
    ? /^\s*\d+\s*$/.test(retryAfter)
      ? +retryAfter * 1000
      : Date.parse(retryAfter) - Date.now()
    : reset && /^\s*\d+\s*$/.test(reset)
      ? +reset * 1000 - Date.now()
      : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** Waits `ms`, or less if `signal` aborts (the loop then throws the aborted error). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

function requestError(
  kind: RequestErrorKind,
  what: string,
  cause: unknown,
  t: Transport,
  method: string,
  url: string,
  attempts: number,
): RequestError {
  return new RequestError(
    scrub(`${method} ${url} ${what}`, t.secret),
    { kind, method, url, attempts },
    scrubCause(cause, t.secret),
  );
}

function apiError<TError>(
  t: Transport,
  op: OperationInfo,
  response: Response,
  rawText: string,
  method: string,
  url: string,
  attempts: number,
  retryAfterMs: number | undefined,
  problem?: string,
): ApiError<TError> {
  const status = response.status;
  const text = scrub(rawText, t.secret);
  let body: TError | string = text;
  if (!problem && op.documentedStatuses.includes(status)) {
    try {
      body = JSON.parse(text) as TError;
    } catch {}
  }
  const headers = safeHeaders(response.headers);
  const requestId = headers[REQUEST_ID_HEADERS.find((name) => headers[name]) as string];
  // One-line summary: the start of the (scrubbed) body text.
  const detail = problem ?? text.replace(/\s+/g, ' ').slice(0, 200);
  return new ApiError<TError>(`${method} ${url} failed with ${status}${detail ? `: ${detail}` : ''}`, {
    status,
    body,
    headers,
    requestId,
    retryAfterMs,
    method,
    url,
    attempts,
  });
}
