/**
 * TypeScript types for the Qboxmail Delivery API (Delivery accounts).
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
type UpdateDeliveryAccount = operations['updateDeliveryAccount'];

/** A Delivery account as the management API returns it (every field optional, typed as published). */
export type DeliveryAccount = Schemas['DeliveryAccount'];
/** What kind of mail the account relays: `transactional` or `newsletter`. */
export type DeliveryAccountType = Schemas['DeliveryAccountType'];
/** Billing plan of the account: `free`, `prepaid` or `monthly`. */
export type DeliveryPlan = Schemas['DeliveryPlan'];
/** How plan changes made by a request are paid for. */
export type PaymentMethod = Schemas['PaymentMethod'];
/** Paging state of a management API list. */
export type Pagination = Schemas['Pagination'];
/** The `200` body: the list envelope whose `resources` holds the updated account. */
export type DeliveryAccountList = Schemas['DeliveryAccountList'];
/** Body of `PUT /api/delivery/accounts/{id}`: the settings to change (every field optional). */
export type UpdateDeliveryAccountRequest = Schemas['UpdateDeliveryAccountRequest'];
/** Error body of every failure (`401`, `403`, `404`, `422`, `500`). */
export type ErrorEnvelope = Schemas['ErrorEnvelope'];
/** One refused field of a `422` {@link ErrorEnvelope}. */
export type ValidationErrorItem = Schemas['ValidationErrorItem'];

/** Path parameters of `updateDeliveryAccount` (`{ id: number }`, an int32 ≥ 1). */
export type UpdateDeliveryAccountPathParams = UpdateDeliveryAccount['parameters']['path'];

/** Every documented HTTP status of `updateDeliveryAccount`. */
export type UpdateDeliveryAccountStatus = keyof UpdateDeliveryAccount['responses'];

/** JSON body type of `updateDeliveryAccount` for each documented status, e.g. `UpdateDeliveryAccountResponses[422]`. */
export type UpdateDeliveryAccountResponses = {
  [Status in UpdateDeliveryAccountStatus]: UpdateDeliveryAccount['responses'][Status]['content']['application/json'];
};
