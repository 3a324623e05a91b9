/**
 * Factory options shared by the client (`.`) and the raw openapi-fetch client (`./raw`), resolved
 * in one place: the environment picks a server from the spec's `servers`, the API token goes into
 * the spec's security scheme header, and every other option is checked by `@mailapis/client-core`.
 */
import { type BaseClientOptions, choiceOption, createTransport, type Transport } from '@mailapis/client-core';
import { AUTH_HEADER, AUTH_PREFIX, DEFAULT_SERVER, SERVERS } from './generated/spec.ts';

/** A server of the spec: `production` (`https://api.qboxmail.com`, default) or `sandbox` (`https://sandbox.qboxmail.com`). */
export type QboxmailEnvironment = keyof typeof SERVERS;

/** Server URLs from the spec's `servers`, by environment. */
export const QBOXMAIL_SERVERS: Readonly<Record<QboxmailEnvironment, string>> = SERVERS;

export interface QboxmailDeliveryClientOptions extends BaseClientOptions {
  /** Qboxmail management API token, sent as `X-Api-Token: <apiToken>`. */
  apiToken: string;
  /** Which of the spec's servers to call (default `production`). Ignored when `baseUrl` is given. */
  environment?: QboxmailEnvironment;
}

/** Checks the options (throwing `RequestValidationError`) and returns the transport settings. */
export function qboxmailTransport(options: QboxmailDeliveryClientOptions): Transport {
  const opts = options ?? ({} as QboxmailDeliveryClientOptions);
  const environment = choiceOption('environment', opts.environment, SERVERS, DEFAULT_SERVER);
  return createTransport(
    opts,
    opts.apiToken,
    { option: 'apiToken', header: AUTH_HEADER, prefix: AUTH_PREFIX },
    SERVERS[environment],
  );
}
