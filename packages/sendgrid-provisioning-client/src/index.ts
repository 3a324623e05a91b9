/**
 * Typed client for the SendGrid Account Provisioning API (Account Offerings).
 *
 * Every operation of the OpenAPI document is a method, built at run time from the operation table
 * `./generated/operations.ts` (generated from the document at build time) by the table-driven
 * transport of `@mailapis/client-core`, and typed from `@mailapis/sendgrid-provisioning-types`
 * (openapi-typescript). No method is written by hand; `modifyAccountOfferings` is a recipe on top
 * of two of them.
 *
 * @packageDocumentation
 */
import {
  type ApiClient,
  type ApiError,
  type CallOptions,
  checkSchema,
  createApiClient,
  type ErrorBodyOf,
  type JsonSchema,
  type RequestBodyOf,
  type SuccessBodyOf,
} from '@mailapis/client-core';
import type { Offering, OfferingList, operations as Operations } from '@mailapis/sendgrid-provisioning-types';
import { operations, requestBodySchemas } from './generated/operations.ts';
import { type SendGridProvisioningClientOptions, sendGridTransport } from './options.ts';

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
  ErrorResponse,
  Offering,
  OfferingList,
  OfferingType,
  RateLimitErrorResponse,
  UpdateAccountOfferingsRequest,
} from '@mailapis/sendgrid-provisioning-types';
/** The operation table the methods are built from: every operation of the spec, by operationId. */
export { operations } from './generated/operations.ts';
export {
  RATE_LIMIT_RESET_HEADER,
  SENDGRID_SERVERS,
  type SendGridProvisioningClientOptions,
  type SendGridRegion,
} from './options.ts';

// 1.0 names, kept so that code written against 1.0 compiles unchanged. For any operation, use
// `RequestBodyOf`, `SuccessBodyOf` and `ErrorBodyOf` with the types package's `operations['<operationId>']`.
/** @deprecated `RequestBodyOf<operations['updateAccountOfferings']>`. */
export type UpdateAccountOfferingsBody = RequestBodyOf<Operations['updateAccountOfferings']>;
/** @deprecated `SuccessBodyOf<operations['updateAccountOfferings']>`. */
export type UpdateAccountOfferingsResult = SuccessBodyOf<Operations['updateAccountOfferings']>;
/** @deprecated `ErrorBodyOf<operations['updateAccountOfferings']>`. */
export type UpdateAccountOfferingsErrorBody = ErrorBodyOf<Operations['updateAccountOfferings']>;
/** @deprecated `ApiError<ErrorBodyOf<operations['updateAccountOfferings']>>`. */
export type UpdateAccountOfferingsError = ApiError<UpdateAccountOfferingsErrorBody>;

/**
 * A method per operationId (`updateAccountOfferings(accountID, body, options?)`,
 * `getAccountOfferings(accountID, options?)`, `listOfferings(options?)`, ...): path parameters in
 * path order, then the body, then the query object, then the call options. Each resolves to the
 * success body and rejects with `ApiError`, `RequestError` or `RequestValidationError`.
 */
export type SendGridProvisioningClient = ApiClient<Operations, typeof operations> & {
  /**
   * Read, change, write: reads the account's offerings (`getAccountOfferings`), passes them to
   * `change`, checks the list it returns against the request schema of `updateAccountOfferings`
   * (at most one `package`; a package's `quantity` is 1), then writes it (`updateAccountOfferings`)
   * and resolves to the `200` body. A list that breaks a rule is refused with a
   * `RequestValidationError` naming it (`offerings`, `offerings[1].quantity`) and nothing is written.
   *
   * The API has no concurrency control (no version, ETag or conditional write): if someone else
   * changes the account's offerings between the read and the write, their change is overwritten.
   * Two writers can still race; serialise writers to one account yourself.
   */
  modifyAccountOfferings(
    accountID: string,
    change: (current: Offering[]) => Offering[] | Promise<Offering[]>,
    options?: CallOptions,
  ): Promise<OfferingList>;
};

/**
 * Creates a client. Throws `RequestValidationError` (synchronously) when an option is invalid, e.g.
 * a missing `apiKey`, an unknown `region`, or `headers` that try to set `Authorization`.
 */
export function createSendGridProvisioningClient(options: SendGridProvisioningClientOptions): SendGridProvisioningClient {
  const client = createApiClient<Operations, typeof operations>(operations, sendGridTransport(options));
  return Object.assign(client, {
    async modifyAccountOfferings(
      accountID: string,
      change: (current: Offering[]) => Offering[] | Promise<Offering[]>,
      callOptions?: CallOptions,
    ): Promise<OfferingList> {
      const current = await client.getAccountOfferings(accountID, callOptions);
      const offerings = await change(current.offerings);
      // The rules live in the spec's schema of the list; checked here as written there.
      checkSchema('offerings', requestBodySchemas.updateAccountOfferings.properties.offerings as JsonSchema, offerings);
      const body = { offerings };
      return client.updateAccountOfferings(accountID, body, callOptions);
    },
  });
}
