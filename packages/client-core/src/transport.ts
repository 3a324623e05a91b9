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
import type { OperationSpec } from './table.ts';
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
  /** Headers of a request without a body (accept, the client's extra headers, authentication). */
  readonly headers: Readonly<Record<string, string>>;
  /** The same plus `content-type: application/json`, for a request with a JSON body. */
  readonly jsonHeaders: Readonly<Record<string, string>>;
  readonly authHeader: string;
  readonly authOption: string;
  readonly secret: string;
  readonly fetch: FetchLike | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly rateLimitResetHeader: string | undefined;
}

/** What the request loop needs to know about an operation (a subset of its `OperationSpec`). */
export type OperationInfo = Pick<OperationSpec, 'method' | 'statuses' | 'successJson' | 'retrySafe'>;

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** Each retry wait is at most this long; a server asking for longer makes the call fail at once. */
export const MAX_RETRY_WAIT_MS = 60_000;
/** Backoff before retry n (1-based) is uniformly random in [0, min(MAX_RETRY_WAIT_MS, BASE · 2^(n-1))). */
export const RETRY_BASE_DELAY_MS = 500;
/**
 * HTTP statuses that are retried for an operation that is safe to retry (`retrySafe`). Of these,
 * 408 and 429 are retried for every operation: the server says it did not process the request.
 * Network errors and timeouts are retried only for retry-safe operations.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
/** HTTP methods that are safe to retry by default (POST and PATCH are not). */
export const RETRY_SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

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
    ...(options.headers && headersOption('headers', options.headers, authHeader, auth.option)),
    [authHeader]: auth.prefix + secret,
  };
  return {
    baseUrl: options.baseUrl === undefined ? defaultBaseUrl : baseUrlOption('baseUrl', options.baseUrl),
    headers,
    jsonHeaders: { 'content-type': 'application/json', ...headers },
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

/** The last response of a call, its body text and how many attempts it took. */
export interface Sent {
  readonly response: Response;
  readonly text: string;
  readonly attempts: number;
  /** The wait the server asked for (`Retry-After`, or the rate-limit reset header on 429), in ms. */
  readonly wait: number | undefined;
}

/**
 * The request loop: sends `method url` with the JSON text `body` (re-sent unchanged on every attempt;
 * `content-type` is set only when there is one), retrying as `retrySafe` allows, and resolves to the
 * final response with its body read (inside the attempt's timeout). Rejects with `RequestError` when
 * no response arrived, and with `RequestValidationError` for invalid call options, before any I/O.
 */
export async function send(
  t: Transport,
  method: string,
  url: string,
  body: string | undefined,
  retrySafe: boolean,
  options?: CallOptions,
): Promise<Sent> {
  let headers = body === undefined ? t.headers : t.jsonHeaders;
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
    if (signal?.aborted) throw abortedError(t, method, url, signal, attempts - 1);
    const attempt = new Attempt();
    init.signal = attempt.signal;
    const timer = setTimeout(onAttemptTimeout, timeoutMs, attempt);
    signal?.addEventListener('abort', attempt);
    let error: RequestError | undefined;
    let wait: number | undefined;
    try {
      const response = await (t.fetch ?? fetch)(url, init);
      const text = await response.text();
      const status = response.status;
      wait = status > 199 && status < 300 ? undefined : serverWaitMs(response.headers, status, t.rateLimitResetHeader);
      const retry =
        RETRYABLE_STATUSES.has(status) &&
        (retrySafe || status === 408 || status === 429) &&
        attempts <= maxRetries &&
        (wait ?? 0) <= MAX_RETRY_WAIT_MS;
      if (!retry) return { response, text, attempts, wait };
    } catch (cause) {
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
      if (!retrySafe || attempts > maxRetries) throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', attempt);
    }
    await sleep(wait ?? backoffMs(attempts), signal);
  }
}

/**
 * Sends one operation call and resolves to the parsed success body (`undefined` when the spec
 * documents no JSON for it). `path` must already hold the validated, encoded path parameters and
 * query string; `body` is the JSON text. A non-2xx final response is an `ApiError`.
 */
export async function execute<TSuccess, TError = unknown>(
  t: Transport,
  op: OperationInfo,
  path: string,
  body: string | undefined,
  options?: CallOptions,
): Promise<TSuccess> {
  const url = t.baseUrl + path;
  const { response, text, attempts, wait } = await send(t, op.method, url, body, op.retrySafe, options);
  const status = response.status;
  if (status > 199 && status < 300) {
    if (!op.successJson) return undefined as TSuccess;
    try {
      return JSON.parse(text) as TSuccess;
    } catch {
      throw apiError<TError>(t, op, response, text, op.method, url, attempts, undefined, 'body is not valid JSON');
    }
  }
  throw apiError<TError>(t, op, response, text, op.method, url, attempts, wait);
}

/** The `RequestError` of a call the caller aborted (`attempts` made so far). */
export function abortedError(t: Transport, method: string, url: string, signal: AbortSignal, attempts: number): RequestError {
  return requestError('aborted', 'was aborted by the caller', signal.reason, t, method, url, attempts);
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

/** Builds the `ApiError` of a response: body parsed as JSON for a documented status, scrubbed of the secret. */
export function apiError<TError>(
  t: Transport,
  op: Pick<OperationInfo, 'statuses'>,
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
  if (!problem && op.statuses.includes(status)) {
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
