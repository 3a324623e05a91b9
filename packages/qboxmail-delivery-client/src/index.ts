/**
 * Typed client for the Qboxmail Delivery management API (Delivery accounts).
 *
 * Request and response types come from `@mailapis/qboxmail-delivery-types` (generated from the
 * OpenAPI document); server URLs, the auth header, the path, the documented statuses and the `id`
 * limits come from `./generated/spec.ts` (generated from the same document at build time). Retries,
 * timeouts, local checks and errors are the shared implementation in `@mailapis/client-core`.
 *
 * @packageDocumentation
 */
import {
  type ApiError,
  type CallOptions,
  type ErrorBodyOf,
  execute,
  integerPathSegment,
  jsonObjectBody,
  type OperationInfo,
  type PathParamsOf,
  type RequestBodyOf,
  type SuccessBodyOf,
} from '@mailapis/client-core';
import type { operations } from '@mailapis/qboxmail-delivery-types';
import { DOCUMENTED_STATUSES, METHOD, PATH_PARAMETER, PATH_PREFIX, PATH_SUFFIX } from './generated/spec.ts';
import { type QboxmailDeliveryClientOptions, qboxmailTransport } from './options.ts';

export {
  ApiError,
  type BaseClientOptions,
  type CallOptions,
  type FetchLike,
  type HeadersInput,
  MailapisError,
  RequestError,
  type RequestErrorKind,
  RequestValidationError,
} from '@mailapis/client-core';
export type {
  DeliveryAccount,
  DeliveryAccountList,
  ErrorEnvelope,
  UpdateDeliveryAccountRequest,
  ValidationErrorItem,
} from '@mailapis/qboxmail-delivery-types';
export { QBOXMAIL_SERVERS, type QboxmailDeliveryClientOptions, type QboxmailEnvironment } from './options.ts';

type UpdateDeliveryAccountOperation = operations['updateDeliveryAccount'];

/** Request body of `updateDeliveryAccount`, exactly as the spec types it. */
export type UpdateDeliveryAccountBody = RequestBodyOf<UpdateDeliveryAccountOperation>;
/** What `updateDeliveryAccount` resolves to: the `200` body, exactly as the spec types it. */
export type UpdateDeliveryAccountResult = SuccessBodyOf<UpdateDeliveryAccountOperation>;
/** Union of the documented error bodies of `updateDeliveryAccount`. */
export type UpdateDeliveryAccountErrorBody = ErrorBodyOf<UpdateDeliveryAccountOperation>;
/** The `ApiError` `updateDeliveryAccount` rejects with: `body` is a documented error body or raw text. */
export type UpdateDeliveryAccountError = ApiError<UpdateDeliveryAccountErrorBody>;

export interface QboxmailDeliveryClient {
  /**
   * `PUT /api/delivery/accounts/{id}`: changes the fields sent in `body` (idempotent, retried on
   * 408/429/5xx and network errors). `id` is an integer from 1 to 2147483647.
   * Resolves to the `200` body; rejects with `ApiError`, `RequestError` or `RequestValidationError`.
   */
  updateDeliveryAccount(
    id: PathParamsOf<UpdateDeliveryAccountOperation>['id'],
    body: UpdateDeliveryAccountBody,
    options?: CallOptions,
  ): Promise<UpdateDeliveryAccountResult>;
  /** The server URL every call goes to. */
  readonly baseUrl: string;
}

const OPERATION: OperationInfo = { method: METHOD, documentedStatuses: DOCUMENTED_STATUSES };

/**
 * Creates a client. Throws `RequestValidationError` (synchronously) when an option is invalid, e.g.
 * a missing `apiToken`, an unknown `environment`, or `headers` that try to set `X-Api-Token`.
 */
export function createQboxmailDeliveryClient(options: QboxmailDeliveryClientOptions): QboxmailDeliveryClient {
  const t = qboxmailTransport(options);
  return {
    baseUrl: t.baseUrl,
    updateDeliveryAccount(id, body, callOptions) {
      let path: string;
      let json: string;
      try {
        path =
          PATH_PREFIX + integerPathSegment(PATH_PARAMETER.name, id, PATH_PARAMETER.minimum, PATH_PARAMETER.maximum) + PATH_SUFFIX;
        json = jsonObjectBody('body', body);
      } catch (error) {
        return Promise.reject(error);
      }
      return execute<UpdateDeliveryAccountResult, UpdateDeliveryAccountErrorBody>(t, OPERATION, path, json, callOptions);
    },
  };
}
