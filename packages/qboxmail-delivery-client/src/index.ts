/**
 * Typed client for the Qboxmail Delivery management API (Delivery accounts).
 *
 * Every operation of the OpenAPI document is a method, built at run time from the operation table
 * `./generated/operations.ts` (generated from the document at build time) by the table-driven
 * transport of `@mailapis/client-core`, and typed from `@mailapis/qboxmail-delivery-types`
 * (openapi-typescript). No method is written by hand.
 *
 * @packageDocumentation
 */
import {
  type ApiClient,
  type ApiError,
  createApiClient,
  type ErrorBodyOf,
  type RequestBodyOf,
  type SuccessBodyOf,
} from '@mailapis/client-core';
import type { operations as Operations } from '@mailapis/qboxmail-delivery-types';
import { operations } from './generated/operations.ts';
import { type QboxmailDeliveryClientOptions, qboxmailTransport } from './options.ts';

export {
  ApiError,
  type BaseClientOptions,
  type CallOptions,
  type ErrorBodyOf,
  type FetchLike,
  type HeadersInput,
  MailapisError,
  type OperationSpec,
  type OperationTable,
  type ParameterSpec,
  type RequestBodyOf,
  RequestError,
  type RequestErrorKind,
  RequestValidationError,
  type SuccessBodyOf,
} from '@mailapis/client-core';
export type {
  DeliveryAccount,
  DeliveryAccountList,
  ErrorEnvelope,
  UpdateDeliveryAccountRequest,
  ValidationErrorItem,
} from '@mailapis/qboxmail-delivery-types';
/** The operation table the methods are built from: every operation of the spec, by operationId. */
export { operations } from './generated/operations.ts';
export { QBOXMAIL_SERVERS, type QboxmailDeliveryClientOptions, type QboxmailEnvironment } from './options.ts';

// 1.0 names, kept so that code written against 1.0 compiles unchanged. For any operation, use
// `RequestBodyOf`, `SuccessBodyOf` and `ErrorBodyOf` with the types package's `operations['<operationId>']`.
/** @deprecated `RequestBodyOf<operations['updateDeliveryAccount']>`. */
export type UpdateDeliveryAccountBody = RequestBodyOf<Operations['updateDeliveryAccount']>;
/** @deprecated `SuccessBodyOf<operations['updateDeliveryAccount']>`. */
export type UpdateDeliveryAccountResult = SuccessBodyOf<Operations['updateDeliveryAccount']>;
/** @deprecated `ErrorBodyOf<operations['updateDeliveryAccount']>`. */
export type UpdateDeliveryAccountErrorBody = ErrorBodyOf<Operations['updateDeliveryAccount']>;
/** @deprecated `ApiError<ErrorBodyOf<operations['updateDeliveryAccount']>>`. */
export type UpdateDeliveryAccountError = ApiError<UpdateDeliveryAccountErrorBody>;

/**
 * A method per operationId (`updateDeliveryAccount(id, body, options?)`, `getDeliveryAccount(id,
 * options?)`, `listDeliveryAccounts(query?, options?)` and its `.all(query?, options?)` iterator,
 * ...): path parameters in path order, then the body, then the query object, then the call options.
 * Each resolves to the success body and rejects with `ApiError`, `RequestError` or `RequestValidationError`.
 */
export type QboxmailDeliveryClient = ApiClient<Operations, typeof operations>;

/**
 * Creates a client. Throws `RequestValidationError` (synchronously) when an option is invalid, e.g.
 * a missing `apiToken`, an unknown `environment`, or `headers` that try to set `X-Api-Token`.
 */
export function createQboxmailDeliveryClient(options: QboxmailDeliveryClientOptions): QboxmailDeliveryClient {
  return createApiClient<Operations, typeof operations>(operations, qboxmailTransport(options));
}
