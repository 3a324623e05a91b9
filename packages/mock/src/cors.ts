// CORS for browser consoles such as the docs site's try-it: only the configured origins get
// CORS headers; every other origin is answered exactly as without CORS.
import type { CorsOptions } from './types.js';

/** The docs site's origins (`npm run docs:serve`): the CLI allows them unless told otherwise. */
export const DOCS_ORIGINS: readonly string[] = ['http://127.0.0.1:8080', 'http://localhost:8080'];
/** How long a browser may cache a preflight answer, in seconds. */
export const PREFLIGHT_MAX_AGE = 600;
/** Response headers a browser shows to scripts without being told (CORS-safelisted). */
const SAFELISTED = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

export interface CorsPolicy {
  /** The origin to name in the answer, or undefined when this origin gets no CORS headers. */
  allowed(origin: string | undefined): string | undefined;
  /** Headers of a `204` preflight answer. */
  preflight(origin: string, methods: string[]): Record<string, string>;
  /** Headers to add to an actual answer whose own headers are `headers`. */
  actual(origin: string, headers: Record<string, string>): Record<string, string>;
}

/** Throws unless `origin` is `*` or a bare origin (`scheme://host[:port]`). */
export function checkOrigin(origin: string): string {
  if (origin === '*') return origin;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw new Error(`CORS origin "${origin}" is not a URL origin such as http://127.0.0.1:8080`);
  }
  if (parsed.origin !== origin) throw new Error(`CORS origin "${origin}" must be a bare origin such as ${parsed.origin}`);
  return origin;
}

/**
 * @param requestHeaders header names a console may send: Content-Type, Prefer and every credential header of the specs
 */
export function corsPolicy(options: CorsOptions, requestHeaders: string[]): CorsPolicy {
  const origins = new Set(options.origins.map(checkOrigin));
  const allowHeaders = [...new Set(requestHeaders.map((h) => h.toLowerCase()))].sort().join(', ');
  return {
    allowed(origin) {
      if (origin === undefined) return undefined;
      return origins.has(origin) || origins.has('*') ? origin : undefined;
    },
    preflight(origin, methods) {
      return {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': methods.join(', '),
        'access-control-allow-headers': allowHeaders,
        'access-control-max-age': String(PREFLIGHT_MAX_AGE),
        vary: 'Origin',
      };
    },
    actual(origin, headers) {
      const expose = Object.keys(headers)
        .map((h) => h.toLowerCase())
        .filter((h) => !SAFELISTED.has(h) && h !== 'connection');
      return {
        'access-control-allow-origin': origin,
        ...(expose.length > 0 ? { 'access-control-expose-headers': expose.join(', ') } : {}),
        vary: 'Origin',
      };
    },
  };
}
