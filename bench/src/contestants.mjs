// The contestants of the per-call benchmark. Each one performs one documented operation against the
// loopback server and resolves with the parsed response body; the harness checks that body against the
// spec's example once before timing, so no contestant can be fast by being wrong.
import { createRequire } from 'node:module';
import createOpenapiFetchClient from 'openapi-fetch';

const require = createRequire(import.meta.url);

/** Token used by every contestant; the loopback server ignores it. */
export const TOKEN = 'SG.bench-token.not-a-secret';

/** Compiles a path template once into a function of the parameters (what a hand-written template literal does). */
function compilePath(template) {
  const parts = template.split(/\{([^}]+)\}/);
  return (params) => {
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) out += encodeURIComponent(String(params[parts[i]])) + parts[i + 1];
    return out;
  };
}

/**
 * @typedef {object} Contestant
 * @property {string} id
 * @property {string} label
 * @property {string} description  how it calls, for RESULTS.md
 * @property {(baseUrl: string) => Promise<() => Promise<unknown>>} create
 */

/** @param {import('./spec-operations.mjs').SpecOperation} op @returns {Contestant} */
export function rawFetch(op) {
  const path = compilePath(op.path);
  return {
    id: 'fetch',
    label: 'raw `fetch`',
    description:
      'global fetch (undici): URL from a template, JSON.stringify body, auth + content-type headers, check `ok`, `res.json()`',
    async create(baseUrl) {
      const authValue = op.auth ? op.auth.prefix + TOKEN : undefined;
      return async () => {
        const headers = { 'content-type': 'application/json', accept: 'application/json' };
        if (op.auth) headers[op.auth.header] = authValue;
        const res = await fetch(baseUrl + path(op.pathParams), {
          method: op.method,
          headers,
          body: op.requestBody === undefined ? undefined : JSON.stringify(op.requestBody),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      };
    },
  };
}

/** @param {import('./spec-operations.mjs').SpecOperation} op @returns {Contestant} */
export function openapiFetch(op) {
  return {
    id: 'openapi-fetch',
    label: '`openapi-fetch` 0.17.0 directly',
    description: 'createClient({ baseUrl, headers }) then client.PUT(path, { params, body }); default settings, no middleware',
    async create(baseUrl) {
      const client = createOpenapiFetchClient({
        baseUrl,
        headers: op.auth ? { [op.auth.header]: op.auth.prefix + TOKEN } : {},
      });
      const call = client[op.method].bind(client);
      const init = { params: { path: op.pathParams }, body: op.requestBody };
      return async () => {
        const { data, error, response } = await call(op.path, init);
        if (error !== undefined || !response.ok) throw new Error(`HTTP ${response.status}`);
        return data;
      };
    },
  };
}

/** The vendor's SDK (axios over node:http); only for the SendGrid operation. */
export function sendgridClient(op) {
  return {
    id: '@sendgrid/client',
    label: '`@sendgrid/client` 8.1.6 (axios)',
    description: "new Client(); setApiKey(); setDefaultRequest('baseUrl', loopback); client.request({ method, url, body })",
    async create(baseUrl) {
      const { Client } = require('@sendgrid/client');
      const client = new Client();
      client.setApiKey(TOKEN);
      client.setDefaultRequest('baseUrl', `${baseUrl}/`);
      const path = compilePath(op.path);
      return async () => {
        const [response, body] = await client.request({ method: op.method, url: path(op.pathParams), body: op.requestBody });
        if (response.statusCode !== op.success.status) throw new Error(`HTTP ${response.statusCode}`);
        return body;
      };
    },
  };
}

/** Our SendGrid client: `createSendGridProvisioningClient({ apiKey, baseUrl }).updateAccountOfferings(id, body)`. */
export function ourSendgridClient(op) {
  return {
    id: '@mailapis/sendgrid-provisioning-client',
    label: 'our `@mailapis/sendgrid-provisioning-client`',
    description:
      'createSendGridProvisioningClient({ apiKey, baseUrl }).updateAccountOfferings(accountID, body): default retries, timeout, checks',
    async create(baseUrl) {
      const { createSendGridProvisioningClient } = await import('@mailapis/sendgrid-provisioning-client');
      const client = createSendGridProvisioningClient({ apiKey: TOKEN, baseUrl });
      const [id] = Object.values(op.pathParams);
      return () => client.updateAccountOfferings(id, op.requestBody);
    },
  };
}

/** Our Qboxmail client: `createQboxmailDeliveryClient({ apiToken, baseUrl }).updateDeliveryAccount(id, body)`. */
export function ourQboxmailClient(op) {
  return {
    id: '@mailapis/qboxmail-delivery-client',
    label: 'our `@mailapis/qboxmail-delivery-client`',
    description:
      'createQboxmailDeliveryClient({ apiToken, baseUrl }).updateDeliveryAccount(id, body): default retries, timeout, checks',
    async create(baseUrl) {
      const { createQboxmailDeliveryClient } = await import('@mailapis/qboxmail-delivery-client');
      const client = createQboxmailDeliveryClient({ apiToken: TOKEN, baseUrl });
      const [id] = Object.values(op.pathParams);
      return () => client.updateDeliveryAccount(id, op.requestBody);
    },
  };
}

/** The contestants for one operation; the first is the baseline (raw fetch). */
export function contestantsFor(op) {
  const list = [rawFetch(op), openapiFetch(op)];
  if (op.api === 'sendgrid-provisioning') list.push(sendgridClient(op), ourSendgridClient(op));
  else if (op.api === 'qboxmail-delivery') list.push(ourQboxmailClient(op));
  return list;
}
