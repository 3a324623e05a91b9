/**
 * Factory options shared by the client (`.`) and the raw openapi-fetch client (`./raw`), resolved
 * in one place: the region picks a server from the spec's `servers`, the API key goes into the
 * spec's security scheme header, and every other option is checked by `@mailapis/client-core`.
 */
import { type BaseClientOptions, choiceOption, createTransport, type Transport } from '@mailapis/client-core';
import { auth, defaultServer, servers } from './generated/operations.ts';

/** A server of the spec: `global` (`https://api.sendgrid.com`, default) or `eu` (`https://api.eu.sendgrid.com`). */
export type SendGridRegion = keyof typeof servers;

/** Server URLs from the spec's `servers`, by region. */
export const SENDGRID_SERVERS: Readonly<Record<SendGridRegion, string>> = servers;

export interface SendGridProvisioningClientOptions extends BaseClientOptions {
  /** SendGrid API key of the reseller partner account, sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Which of the spec's servers to call (default `global`). Ignored when `baseUrl` is given. */
  region?: SendGridRegion;
}

/**
 * SendGrid reports when its rate-limit window resets in this response header (Unix seconds); the
 * client waits until then before retrying a `429`. The spec declares it on every response.
 */
export const RATE_LIMIT_RESET_HEADER = 'X-RateLimit-Reset';

/** Checks the options (throwing `RequestValidationError`) and returns the transport settings. */
export function sendGridTransport(options: SendGridProvisioningClientOptions): Transport {
  const opts = options ?? ({} as SendGridProvisioningClientOptions);
  const region = choiceOption('region', opts.region, servers, defaultServer);
  return createTransport(opts, opts.apiKey, { option: 'apiKey', ...auth }, servers[region], RATE_LIMIT_RESET_HEADER);
}
