/**
 * TypeScript types for the SendGrid Account Provisioning API (Account Offerings).
 *
 * Everything here is generated at build time from the bundled OpenAPI document (also shipped as
 * `./openapi.json` / `./openapi.yaml`): `./generated/openapi.ts` by openapi-typescript, and
 * `./generated/aliases.ts` (one alias per schema and the helpers of every operation) by
 * `scripts/generate-type-aliases.mjs`. No shape is written by hand: change the OpenAPI document.
 *
 * @packageDocumentation
 */
import type { components } from './generated/openapi.js';

export * from './generated/aliases.js';
export type { components, operations, paths } from './generated/openapi.js';

/** Rate-limit headers sent with every response (values are numbers; `X-RateLimit-Reset` is a Unix time in seconds). */
export type RateLimitHeaders = components['headers'];
