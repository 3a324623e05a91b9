/**
 * `@mailapis/qboxmail-delivery-client/raw`: the typed openapi-fetch client for the Qboxmail
 * Delivery API, made from the same options as the main client and with the same
 * protections: every request goes through `@mailapis/client-core`'s request loop (the API token header (`X-Api-Token`),
 * which a call cannot override; per-attempt timeouts; retries of GET/HEAD/PUT/DELETE/OPTIONS, and of
 * 408/429 for any method; redirects never followed, so the token never goes to another host), and path
 * parameters are encoded as one segment each (a missing, empty, `.` or `..` value is refused).
 * Responses come back as openapi-fetch returns them (`{ data, error, response }`); a request that got
 * no response rejects with `RequestError`.
 *
 * It is a separate entry point so that apps which only call the typed methods do not ship
 * openapi-fetch (the methods never use it).
 *
 * @packageDocumentation
 */
import { rawFetch, rawPathSerializer } from '@mailapis/client-core';
import type { paths } from '@mailapis/qboxmail-delivery-types';
import createClient, { type Client } from 'openapi-fetch';
import { type QboxmailDeliveryClientOptions, qboxmailTransport } from './options.ts';

/** The typed openapi-fetch client of the Qboxmail Delivery API. */
export type QboxmailDeliveryRawClient = Client<paths, 'application/json'>;

/** Options of the raw client: exactly the main client's. */
export type QboxmailDeliveryRawClientOptions = QboxmailDeliveryClientOptions;

/**
 * Creates the typed openapi-fetch client. Throws `RequestValidationError` (synchronously) when an
 * option is invalid, exactly like `createQboxmailDeliveryClient`.
 */
export function createQboxmailDeliveryRawClient(options: QboxmailDeliveryRawClientOptions): QboxmailDeliveryRawClient {
  const t = qboxmailTransport(options);
  return createClient<paths, 'application/json'>({
    baseUrl: t.baseUrl,
    fetch: rawFetch(t),
    pathSerializer: rawPathSerializer,
    redirect: 'manual',
  });
}
