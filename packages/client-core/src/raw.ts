/**
 * What the `./raw` openapi-fetch clients plug in so that they get the same protections as the
 * methods: a `fetch` that runs every request through the request loop (`send`: the client's
 * authentication header, which a call cannot override, per-attempt timeouts, retries only for
 * retry-safe methods, no redirect ever followed) and a path serialiser that encodes each path
 * parameter as exactly one segment and refuses a missing, empty, `.` or `..` value.
 */
import { RequestValidationError } from './errors.ts';
import { type FetchLike, RETRY_SAFE_METHODS, send, type Transport } from './transport.ts';
import { describe, headersOption, pathSegment } from './validate.ts';

/** Statuses whose responses have no body (the `Response` constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch for openapi-fetch's `fetch` option. openapi-fetch hands it a single-use `Request`; its
 * body is read once and re-sent on every attempt. Resolves to a fresh `Response` holding the body
 * that was read within the attempt's timeout; rejects with `RequestError` when no response arrived.
 */
export function rawFetch(t: Transport): FetchLike {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const headers = headersOption('headers', request.headers, t.authHeader, t.authOption);
    const body = request.body === null ? undefined : await request.text();
    const method = request.method;
    const { response, text } = await send(t, method, request.url, body, RETRY_SAFE_METHODS.has(method), {
      signal: request.signal,
      headers,
    });
    // A browser's opaque redirect (status 0) cannot be rebuilt; it has no body anyway.
    if (response.status < 200) return response;
    return new Response(NULL_BODY.has(response.status) || text === '' ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/**
 * A path serialiser for openapi-fetch's `pathSerializer` option: replaces each `{name}` with its
 * value encoded as one path segment (strings percent-encoded, finite numbers and booleans as text).
 */
export function rawPathSerializer(pathname: string, pathParams: Record<string, unknown> | undefined): string {
  return pathname.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = pathParams?.[name];
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'boolean' && typeof value !== 'string') {
      throw new RequestValidationError(name, `must be a string or a finite number, got ${describe(value)}`);
    }
    return pathSegment(name, String(value));
  });
}
