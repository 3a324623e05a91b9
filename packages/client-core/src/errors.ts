/**
 * The three error classes every mailapis client throws. They share `MailapisError`, carry a stable
 * `name` and `code` (on the prototype, so minification cannot change them), and never hold a
 * credential: response headers are stored with credential-bearing names redacted, bodies and causes
 * are scrubbed of the client's secret before they are stored, and `toJSON()` returns only plain fields.
 */

/** Replacement for any redacted value. */
export const REDACTED = '[REDACTED]';

/** Header names whose values are never stored on an error (lower case). */
export const SENSITIVE_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'x-api-token',
  'cookie',
  'set-cookie',
];

/** Response headers that may carry the API's request id, in order of preference (lower case). */
export const REQUEST_ID_HEADERS: readonly string[] = ['x-request-id', 'x-message-id', 'request-id'];

export type ErrorCode = 'API_ERROR' | 'REQUEST_ERROR' | 'REQUEST_VALIDATION_ERROR';

/** What went wrong when no HTTP response arrived. */
export type RequestErrorKind = 'timeout' | 'network' | 'aborted';

/** Base class of every error a mailapis client throws; `instanceof MailapisError` catches them all. */
export class MailapisError extends Error {
  declare readonly name: 'ApiError' | 'RequestError' | 'RequestValidationError';
  /** Stable machine-readable code, one per class. */
  declare readonly code: ErrorCode;

  constructor(message: string, fields: object, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }

  /** A JSON-safe view: name, code, message, the error's own fields and the cause as a string (`Name: message`). */
  toJSON(): Record<string, unknown> {
    return Object.assign({ name: this.name, code: this.code, message: this.message }, this as object, {
      cause: this.cause && String(this.cause),
    });
  }
}

/** Fields of an `ApiError`. */
export interface ApiErrorFields<TBody = unknown> {
  /** HTTP status of the (last) response. */
  readonly status: number;
  /** Parsed JSON for a documented status with a JSON body; otherwise the raw response text. */
  readonly body: TBody | string;
  /** Response headers, lower-cased; credential-bearing ones are `[REDACTED]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Request id the API returned (`x-request-id`, `x-message-id` or `request-id`), if any. */
  readonly requestId: string | undefined;
  /** How long the server asked the caller to wait, in ms (`Retry-After`; SendGrid's `X-RateLimit-Reset` on 429), if known. */
  readonly retryAfterMs: number | undefined;
  /** HTTP method of the call. */
  readonly method: string;
  /** URL called (it never contains a credential). */
  readonly url: string;
  /** How many attempts were made, retries included. */
  readonly attempts: number;
}

/**
 * The API answered with a non-success HTTP status, or with a success status whose body is not
 * valid JSON. `TBody` is the union of the bodies the spec documents for the operation's error
 * statuses; `body` holds the parsed JSON for a documented status and the raw text otherwise.
 */
export class ApiError<TBody = unknown> extends MailapisError {
  declare readonly name: 'ApiError';
  declare readonly code: 'API_ERROR';
  declare readonly status: number;
  declare readonly body: TBody | string;
  declare readonly headers: Readonly<Record<string, string>>;
  declare readonly requestId: string | undefined;
  declare readonly retryAfterMs: number | undefined;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly attempts: number;
}

/** Fields of a `RequestError`. */
export interface RequestErrorFields {
  /** `timeout` (an attempt exceeded `timeoutMs`), `network` (fetch failed) or `aborted` (the caller's signal). */
  readonly kind: RequestErrorKind;
  readonly method: string;
  readonly url: string;
  /** Attempts made, retries included (0 when the signal was already aborted). */
  readonly attempts: number;
}

/** No HTTP response arrived: the attempt timed out, the network failed, or the caller aborted. `cause` holds the underlying error. */
export class RequestError extends MailapisError {
  declare readonly name: 'RequestError';
  declare readonly code: 'REQUEST_ERROR';
  declare readonly kind: RequestErrorKind;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly attempts: number;
}

/** Input rejected locally, before any I/O. */
export class RequestValidationError extends MailapisError {
  declare readonly name: 'RequestValidationError';
  declare readonly code: 'REQUEST_VALIDATION_ERROR';
  /** The argument or option at fault, e.g. `accountID`, `body`, `options.timeoutMs`, `headers.authorization`. */
  declare readonly parameter: string;
  /** Why it was rejected (never echoes a credential). */
  declare readonly reason: string;
  constructor(parameter: string, reason: string) {
    super(`Invalid ${parameter}: ${reason}`, { parameter, reason });
  }
}

// name 'ApiError' → code 'API_ERROR', and so on.
for (const [cls, name] of [
  [ApiError, 'ApiError'],
  [RequestError, 'RequestError'],
  [RequestValidationError, 'RequestValidationError'],
] as const) {
  Object.assign(cls.prototype, { name, code: name.replace(/\B[A-Z]/g, '_$&').toUpperCase() });
}

/** Replaces every occurrence of a secret in `text`. */
export function scrub(text: string, secret: string): string {
  return text.split(secret).join(REDACTED);
}

/**
 * Scrubs the secret from a string cause. An error cause is returned unchanged unless its message or
 * stack (or its own cause's) mention the secret; then a new `Error` with `String(cause)` scrubbed
 * as its message replaces it.
 */
export function scrubCause(cause: unknown, secret: string): unknown {
  return typeof cause === 'string'
    ? scrub(cause, secret)
    : cause instanceof Error && `${cause.stack}${cause.message}${(cause.cause as Error)?.stack}`.includes(secret)
      ? new Error(scrub(`${cause}`, secret))
      : cause;
}

/** Copies response headers into a plain lower-cased object, redacting credential-bearing ones. */
export function safeHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SENSITIVE_HEADERS.includes(name) ? REDACTED : value;
  });
  return out;
}
