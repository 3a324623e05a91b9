export {
  type ApiClient,
  createApiClient,
  type OperationArgs,
  type OperationMethod,
  type OperationResult,
  type PageItemOf,
  type QueryOf,
} from './client.ts';
export {
  ApiError,
  type ApiErrorFields,
  type ErrorCode,
  MailapisError,
  REDACTED,
  REQUEST_ID_HEADERS,
  RequestError,
  type RequestErrorFields,
  type RequestErrorKind,
  RequestValidationError,
  SENSITIVE_HEADERS,
  safeHeaders,
  scrub,
  scrubCause,
} from './errors.ts';
export { checkValue, pathValue, queryString } from './params.ts';
export { rawFetch, rawPathSerializer } from './raw.ts';
export { invoke, type MethodArgs, paginate } from './request.ts';
export { checkSchema, type JsonSchema } from './schema.ts';
export type { HttpMethod, OperationSpec, OperationTable, ParameterSpec, ValueSpec } from './table.ts';
export {
  type AuthScheme,
  abortedError,
  apiError,
  type BaseClientOptions,
  backoffMs,
  type CallOptions,
  createTransport,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  execute,
  type FetchLike,
  type HeadersInput,
  MAX_RETRY_WAIT_MS,
  type OperationInfo,
  RETRY_BASE_DELAY_MS,
  RETRY_SAFE_METHODS,
  RETRYABLE_STATUSES,
  type Sent,
  send,
  serverWaitMs,
  type Transport,
} from './transport.ts';
export type { ErrorBodyOf, PathParamsOf, RequestBodyOf, SuccessBodyOf } from './types.ts';
export {
  baseUrlOption,
  choiceOption,
  credentialOption,
  describe,
  headersOption,
  integerOption,
  integerPathSegment,
  jsonObjectBody,
  MAX_RETRIES,
  MAX_TIMER_MS,
  pathSegment,
} from './validate.ts';
