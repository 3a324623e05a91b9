/**
 * `@mailapis/qboxmail-delivery-client/raw`: the typed openapi-fetch client for the Qboxmail Delivery
 * API, configured from the same options as the main client (server, API token, fetch, extra
 * headers). It is plain openapi-fetch: no retries, timeouts or typed errors.
 *
 * It is a separate entry point so that apps which only call the typed methods do not ship
 * openapi-fetch (the methods never use it).
 *
 * @packageDocumentation
 */
import type { paths } from '@mailapis/qboxmail-delivery-types';
import createClient, { type Client } from 'openapi-fetch';
import { type QboxmailDeliveryClientOptions, qboxmailTransport } from './options.ts';

/** The typed openapi-fetch client of the Qboxmail Delivery API. */
export type QboxmailDeliveryRawClient = Client<paths, 'application/json'>;

/** Options of the raw client: the main client's options minus retries and timeouts, which it does not have. */
export type QboxmailDeliveryRawClientOptions = Omit<QboxmailDeliveryClientOptions, 'timeoutMs' | 'maxRetries'>;

/**
 * Creates the typed openapi-fetch client. Throws `RequestValidationError` (synchronously) when an
 * option is invalid, exactly like `createQboxmailDeliveryClient`.
 */
export function createQboxmailDeliveryRawClient(options: QboxmailDeliveryRawClientOptions): QboxmailDeliveryRawClient {
  const t = qboxmailTransport(options);
  return createClient<paths, 'application/json'>({ baseUrl: t.baseUrl, fetch: t.fetch, headers: t.headers });
}
