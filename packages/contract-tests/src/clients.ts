/**
 * How the suite calls each operation through its real client. This is the only per-API code in the
 * suite: one entry per operationId, naming the client package and how its method takes path
 * parameters. Everything else (statuses, examples, schemas) comes from the bundled documents, and
 * an operation of a document that has no binding here fails the table and the coverage gate.
 */
import {
  createQboxmailDeliveryClient,
  ApiError as QboxmailApiError,
  RequestError as QboxmailRequestError,
  RequestValidationError as QboxmailRequestValidationError,
} from '@mailapis/qboxmail-delivery-client';
import {
  createSendGridProvisioningClient,
  ApiError as SendGridApiError,
  RequestError as SendGridRequestError,
  RequestValidationError as SendGridRequestValidationError,
} from '@mailapis/sendgrid-provisioning-client';

/** The options of either client factory that the suite uses. */
export interface ClientSettings {
  baseUrl: string;
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

/** Per-call options of either client. */
export interface CallSettings {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

export interface OperationBinding {
  api: string;
  operationId: string;
  /** npm name of the client package. */
  clientPackage: string;
  /** The credential the suite uses, and the header the client sends it in (lower case). */
  credential: string;
  authHeader: string;
  /** Builds a client and calls the operation once. */
  call(settings: ClientSettings, pathParams: Record<string, unknown>, body: unknown, options?: CallSettings): Promise<unknown>;
  /** The error classes the client package exports. */
  ApiError: typeof SendGridApiError;
  RequestError: typeof SendGridRequestError;
  RequestValidationError: typeof SendGridRequestValidationError;
}

const SENDGRID_KEY = 'SG.contract-suite.key-0123456789';
const QBOXMAIL_TOKEN = 'qbx-contract-suite-token-0123456789';

export const bindings: readonly OperationBinding[] = [
  {
    api: 'sendgrid-provisioning',
    operationId: 'updateAccountOfferings',
    clientPackage: '@mailapis/sendgrid-provisioning-client',
    credential: SENDGRID_KEY,
    authHeader: 'authorization',
    call: (settings, pathParams, body, options) =>
      createSendGridProvisioningClient({ apiKey: SENDGRID_KEY, ...settings }).updateAccountOfferings(
        pathParams.accountID as string,
        body as never,
        options,
      ),
    ApiError: SendGridApiError,
    RequestError: SendGridRequestError,
    RequestValidationError: SendGridRequestValidationError,
  },
  {
    api: 'qboxmail-delivery',
    operationId: 'updateDeliveryAccount',
    clientPackage: '@mailapis/qboxmail-delivery-client',
    credential: QBOXMAIL_TOKEN,
    authHeader: 'x-api-token',
    call: (settings, pathParams, body, options) =>
      createQboxmailDeliveryClient({ apiToken: QBOXMAIL_TOKEN, ...settings }).updateDeliveryAccount(
        pathParams.id as number,
        body as never,
        options,
      ),
    ApiError: QboxmailApiError,
    RequestError: QboxmailRequestError,
    RequestValidationError: QboxmailRequestValidationError,
  },
];

export function bindingFor(operationId: string): OperationBinding | undefined {
  return bindings.find((b) => b.operationId === operationId);
}

/** The header value the client sends for its credential (for raw requests that imitate it). */
export function authHeaderValue(binding: OperationBinding): string {
  return binding.authHeader === 'authorization' ? `Bearer ${binding.credential}` : binding.credential;
}
