/**
 * Local checks that run before any I/O. Each failure is a `RequestValidationError` naming the
 * parameter; no check ever echoes a credential.
 */
import { RequestValidationError } from './errors.ts';

/** Largest delay `setTimeout` honours. */
export const MAX_TIMER_MS = 2_147_483_647;
/** Largest accepted `maxRetries`. */
export const MAX_RETRIES = 10;

function fail(parameter: string, reason: string): never {
  throw new RequestValidationError(parameter, reason);
}

/** Short description of a rejected value for messages (strings are quoted and cut at 40 characters). */
export function describe(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value.slice(0, 40))
    : typeof value === 'object' && value
      ? 'an object'
      : String(value);
}

/**
 * Checks a string path parameter and returns it percent-encoded as exactly one path segment:
 * `/`, `?`, `#` and `%` are encoded, so the value can never change which URL is called.
 */
export function pathSegment(name: string, value: unknown, minLength = 1): string {
  if (typeof value !== 'string' || value.length < minLength) {
    fail(name, `must be a string of at least ${minLength} character(s), got ${describe(value)}`);
  }
  if (value === '.' || value === '..') fail(name, `must not be the dot-segment ${describe(value)}`);
  return encodeURIComponent(value);
}

/** Checks an integer path parameter against inclusive bounds and returns its decimal form. */
export function integerPathSegment(name: string, value: unknown, minimum: number, maximum: number): string {
  return `${integerOption(name, value ?? null, 0, minimum, maximum)}`;
}

/** Checks that a request body is a plain object and returns its JSON text (sent unchanged on every attempt). */
export function jsonObjectBody(name: string, value: unknown): string {
  const proto = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : 0;
  if (proto !== Object.prototype && proto !== null) fail(name, `must be a plain object, got ${describe(value)}`);
  try {
    return JSON.stringify(value);
  } catch (error) {
    fail(name, `cannot be serialised as JSON (${(error as Error).message})`);
  }
}

/** Checks an optional integer option within inclusive bounds. */
export function integerOption(name: string, value: unknown, fallback: number, minimum: number, maximum: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < minimum || (value as number) > maximum) {
    fail(name, `must be an integer from ${minimum} to ${maximum}, got ${describe(value)}`);
  }
  return value as number;
}

/**
 * Normalises caller headers (plain object, `Headers` or list of pairs) into a lower-cased plain
 * object, with the runtime's own header validation. `reserved` (lower case) is the authentication
 * header, which callers may not set: the credential comes only from the client's `credentialOption`.
 */
export function headersOption(name: string, value: unknown, reserved: string, credentialOption: string): Record<string, string> {
  const out: Record<string, string> = {};
  let headers: Headers;
  try {
    headers = new Headers(value as HeadersInit);
  } catch {
    // The runtime's message may echo a value, so it is not used.
    fail(name, 'must map valid header names to string values');
  }
  headers.forEach((v, key) => {
    if (key === reserved) fail(`${name}.${key}`, `cannot be set; it comes from ${credentialOption}`);
    out[key] = v;
  });
  return out;
}

/** Checks a credential without ever echoing it. */
export function credentialOption(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[!-~]+$/.test(value)) {
    fail(name, 'must be a non-empty printable ASCII string without spaces');
  }
  return value;
}

/** Checks an absolute http(s) base URL without credentials, query or fragment; returns it without a trailing slash. */
export function baseUrlOption(name: string, value: unknown): string {
  // The value is not echoed: a malformed URL may hold credentials.
  if (typeof value !== 'string' || !/^https?:\/\/[^/?#@\s]+(\/[^?#\s]*)?$/i.test(value)) {
    fail(name, 'must be an http(s) URL without credentials, query or fragment');
  }
  return value.replace(/\/+$/, '');
}

/** Checks an optional choice among the keys of `choices`. */
export function choiceOption<K extends string>(
  name: string,
  value: unknown,
  choices: Readonly<Record<K, unknown>>,
  fallback: K,
): K {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !Object.hasOwn(choices, value)) {
    fail(name, `must be one of ${Object.keys(choices).join(', ')}, got ${describe(value)}`);
  }
  return value as K;
}
