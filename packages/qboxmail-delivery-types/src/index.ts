/**
 * TypeScript types for the Qboxmail Delivery API (Delivery accounts).
 *
 * Everything here is generated at build time from the bundled OpenAPI document (also shipped as
 * `./openapi.json` / `./openapi.yaml`): `./generated/openapi.ts` by openapi-typescript, and
 * `./generated/aliases.ts` (one alias per schema and the helpers of every operation) by
 * `scripts/generate-type-aliases.mjs`. No shape is written by hand: change the OpenAPI document.
 *
 * @packageDocumentation
 */
export * from './generated/aliases.js';
export type { components, operations, paths } from './generated/openapi.js';
