/**
 * `@mailapis/sendgrid-provisioning-client/raw`: the typed openapi-fetch client for the SendGrid
 * Account Provisioning API, configured from the same options as the main client (server, API key,
 * fetch, extra headers). It is plain openapi-fetch: no retries, timeouts or typed errors.
 *
 * It is a separate entry point so that apps which only call the typed methods do not ship
 * openapi-fetch (the methods never use it).
 *
 * @packageDocumentation
 */
import type { paths } from '@mailapis/sendgrid-provisioning-types';
import createClient, { type Client } from 'openapi-fetch';
import { type SendGridProvisioningClientOptions, sendGridTransport } from './options.ts';

/** The typed openapi-fetch client of the SendGrid Account Provisioning API. */
export type SendGridProvisioningRawClient = Client<paths, 'application/json'>;

/** Options of the raw client: the main client's options minus retries and timeouts, which it does not have. */
export type SendGridProvisioningRawClientOptions = Omit<SendGridProvisioningClientOptions, 'timeoutMs' | 'maxRetries'>;

/**
 * Creates the typed openapi-fetch client. Throws `RequestValidationError` (synchronously) when an
 * option is invalid, exactly like `createSendGridProvisioningClient`.
 */
export function createSendGridProvisioningRawClient(
  options: SendGridProvisioningRawClientOptions,
): SendGridProvisioningRawClient {
  const t = sendGridTransport(options);
  return createClient<paths, 'application/json'>({ baseUrl: t.baseUrl, fetch: t.fetch, headers: t.headers });
}
