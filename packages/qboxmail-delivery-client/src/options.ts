/**
 * Factory options shared by the client (`.`) and the raw openapi-fetch client (`./raw`), resolved
 * in one place: the environment picks a server from the spec's `servers`, the API token goes into
 * the spec's security scheme header, and every other option is checked by `@mailapis/client-core`.
 */
import { type BaseClientOptions, choiceOption, createTransport, type Transport } from '@mailapis/client-core';
import { auth, defaultServer, servers } from './generated/operations.ts';

/** A server of the spec: `production` (`https://api.qboxmail.com`, default) or `sandbox` (`https://sandbox.qboxmail.com`). */
export type QboxmailEnvironment = keyof typeof servers;

/** Server URLs from the spec's `servers`, by environment. */
export const QBOXMAIL_SERVERS: Readonly<Record<QboxmailEnvironment, string>> = servers;

export interface QboxmailDeliveryClientOptions extends BaseClientOptions {
  /** Qboxmail management API token, sent as `X-Api-Token: <apiToken>`. */
  apiToken: string;
  /** Which of the spec's servers to call (default `production`). Ignored when `baseUrl` is given. */
  environment?: QboxmailEnvironment;
}

/** Checks the options (throwing `RequestValidationError`) and returns the transport settings. */
export function qboxmailTransport(options: QboxmailDeliveryClientOptions): Transport {
  const opts = options ?? ({} as QboxmailDeliveryClientOptions);
  const environment = choiceOption('environment', opts.environment, servers, defaultServer);
  return createTransport(opts, opts.apiToken, { option: 'apiToken', ...auth }, servers[environment]);
}
