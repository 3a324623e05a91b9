/**
 * TypeScript types for the SendGrid Account Provisioning API (Account Offerings).
 *
 * Everything here is derived from `./generated/openapi.ts`, which openapi-typescript generates at
 * build time from the bundled OpenAPI document (also shipped as `./openapi.json` / `./openapi.yaml`).
 * No shape is written by hand: change the OpenAPI document, not this file.
 *
 * @packageDocumentation
 */
import type { components, operations } from './generated/openapi.js';

export type { components, operations, paths } from './generated/openapi.js';

type Schemas = components['schemas'];
type UpdateAccountOfferings = operations['updateAccountOfferings'];

/** Kind of offering: `package` (at most one per account) or `addon`. */
export type OfferingType = Schemas['OfferingType'];
/** One feature entitlement of a customer account. */
export type Offering = Schemas['Offering'];
/** Body of `PUT /v3/partners/accounts/{accountID}/offerings`: the complete list of offerings the account should hold. */
export type UpdateAccountOfferingsRequest = Schemas['UpdateAccountOfferingsRequest'];
/** The offerings a customer account holds after the update (`200` body). */
export type OfferingList = Schemas['OfferingList'];
/** One problem reported in an {@link ErrorResponse}. */
export type ErrorItem = Schemas['ErrorItem'];
/** Error body of every failure except rate limiting (`400`, `401`, `403`, `500`, `502`, `503`, `504`). */
export type ErrorResponse = Schemas['ErrorResponse'];
/** The single problem of a `429` response: `field` is `null` and there is no `error_id`. */
export type RateLimitErrorItem = Schemas['RateLimitErrorItem'];
/** Error body of a `429 Too Many Requests` response. */
export type RateLimitErrorResponse = Schemas['RateLimitErrorResponse'];

/** Path parameters of `updateAccountOfferings` (`{ accountID: string }`). */
export type UpdateAccountOfferingsPathParams = UpdateAccountOfferings['parameters']['path'];

/** Every documented HTTP status of `updateAccountOfferings`. */
export type UpdateAccountOfferingsStatus = keyof UpdateAccountOfferings['responses'];

/** JSON body type of `updateAccountOfferings` for each documented status, e.g. `UpdateAccountOfferingsResponses[429]`. */
export type UpdateAccountOfferingsResponses = {
  [Status in UpdateAccountOfferingsStatus]: UpdateAccountOfferings['responses'][Status]['content']['application/json'];
};

/** Rate-limit headers sent with every response (values are numbers; `X-RateLimit-Reset` is a Unix time in seconds). */
export type RateLimitHeaders = components['headers'];
