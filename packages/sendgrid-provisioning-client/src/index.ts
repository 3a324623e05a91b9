/**
 * Typed client for the SendGrid Account Provisioning API (Account Offerings).
 *
 * Request and response types come from `@mailapis/sendgrid-provisioning-types` (generated from the
 * OpenAPI document); server URLs, the auth header, the path and the documented statuses come from
 * `./generated/spec.ts` (generated from the same document at build time). Retries, timeouts, local
 * checks and errors are the shared implementation in `@mailapis/client-core`.
 *
 * @packageDocumentation
 */
import {
  type ApiError,
  type CallOptions,
  type ErrorBodyOf,
  execute,
  jsonObjectBody,
  type OperationInfo,
  type PathParamsOf,
  pathSegment,
  type RequestBodyOf,
  type SuccessBodyOf,
} from '@mailapis/client-core';
import type { operations } from '@mailapis/sendgrid-provisioning-types';
import { DOCUMENTED_STATUSES, METHOD, PATH_PARAMETER, PATH_PREFIX, PATH_SUFFIX } from './generated/spec.ts';
import { type SendGridProvisioningClientOptions, sendGridTransport } from './options.ts';

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
  ErrorResponse,
  Offering,
  OfferingList,
  OfferingType,
  RateLimitErrorResponse,
  UpdateAccountOfferingsRequest,
} from '@mailapis/sendgrid-provisioning-types';
export {
  RATE_LIMIT_RESET_HEADER,
  SENDGRID_SERVERS,
  type SendGridProvisioningClientOptions,
  type SendGridRegion,
} from './options.ts';

type UpdateAccountOfferingsOperation = operations['updateAccountOfferings'];

/** Request body of `updateAccountOfferings`, exactly as the spec types it. */
export type UpdateAccountOfferingsBody = RequestBodyOf<UpdateAccountOfferingsOperation>;
/** What `updateAccountOfferings` resolves to: the `200` body, exactly as the spec types it. */
export type UpdateAccountOfferingsResult = SuccessBodyOf<UpdateAccountOfferingsOperation>;
/** Union of the documented error bodies of `updateAccountOfferings`. */
export type UpdateAccountOfferingsErrorBody = ErrorBodyOf<UpdateAccountOfferingsOperation>;
/** The `ApiError` `updateAccountOfferings` rejects with: `body` is a documented error body or raw text. */
export type UpdateAccountOfferingsError = ApiError<UpdateAccountOfferingsErrorBody>;

export interface SendGridProvisioningClient {
  /**
   * `PUT /v3/partners/accounts/{accountID}/offerings`: replaces **all** offerings of the account with
   * `body.offerings` (idempotent, retried on 408/429/5xx and network errors).
   * Resolves to the `200` body; rejects with `ApiError`, `RequestError` or `RequestValidationError`.
   */
  updateAccountOfferings(
    accountID: PathParamsOf<UpdateAccountOfferingsOperation>['accountID'],
    body: UpdateAccountOfferingsBody,
    options?: CallOptions,
  ): Promise<UpdateAccountOfferingsResult>;
  /** The server URL every call goes to. */
  readonly baseUrl: string;
}

const OPERATION: OperationInfo = { method: METHOD, documentedStatuses: DOCUMENTED_STATUSES };

/**
 * Creates a client. Throws `RequestValidationError` (synchronously) when an option is invalid, e.g.
 * a missing `apiKey`, an unknown `region`, or `headers` that try to set `Authorization`.
 */
export function createSendGridProvisioningClient(options: SendGridProvisioningClientOptions): SendGridProvisioningClient {
  const t = sendGridTransport(options);
  return {
    baseUrl: t.baseUrl,
    updateAccountOfferings(accountID, body, callOptions) {
      let path: string;
      let json: string;
      try {
        path = PATH_PREFIX + pathSegment(PATH_PARAMETER.name, accountID, PATH_PARAMETER.minLength) + PATH_SUFFIX;
        json = jsonObjectBody('body', body);
      } catch (error) {
        return Promise.reject(error);
      }
      return execute<UpdateAccountOfferingsResult, UpdateAccountOfferingsErrorBody>(t, OPERATION, path, json, callOptions);
    },
  };
}
