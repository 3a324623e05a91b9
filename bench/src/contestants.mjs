// The contestants of the per-call benchmark. Each one performs one documented operation against the
// loopback server and resolves with the parsed response body; the harness checks that body against the
// spec's example once before timing, so no contestant can be fast by being wrong.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import createOpenapiFetchClient from 'openapi-fetch';
import { queryString } from './spec-operations.mjs';

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
      'global fetch (undici): URL from a template (plus the query string), JSON.stringify body, auth (+ content-type with a body) headers, check `ok`, `res.json()`',
    async create(baseUrl) {
      const authValue = op.auth ? op.auth.prefix + TOKEN : undefined;
      const hasBody = op.requestBody !== undefined;
      return async () => {
        const headers = hasBody
          ? { 'content-type': 'application/json', accept: 'application/json' }
          : { accept: 'application/json' };
        if (op.auth) headers[op.auth.header] = authValue;
        const res = await fetch(baseUrl + path(op.pathParams) + queryString(op.query), {
          method: op.method,
          headers,
          body: hasBody ? JSON.stringify(op.requestBody) : undefined,
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
    description: `createClient({ baseUrl, headers }) then client.${op.method}(path, { params: { path, query }, body }); default settings, no middleware`,
    async create(baseUrl) {
      const client = createOpenapiFetchClient({
        baseUrl,
        headers: op.auth ? { [op.auth.header]: op.auth.prefix + TOKEN } : {},
      });
      const call = client[op.method].bind(client);
      const init = { params: { path: op.pathParams, query: op.query }, body: op.requestBody };
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
        const request = { method: op.method, url: path(op.pathParams) };
        if (op.requestBody !== undefined) request.body = op.requestBody;
        if (op.query) request.qs = op.query;
        const [response, body] = await client.request(request);
        if (response.statusCode !== op.success.status) throw new Error(`HTTP ${response.statusCode}`);
        return body;
      };
    },
  };
}

/**
 * Our client of the operation's API, found as the bench's dependency whose package.json
 * `config.client.types` names the types package of that API (`config.api`). Its factory is the
 * package's one `create…Client` export; the credential option is the one the factory names when
 * called without options.
 */
function ourClientPackage(api) {
  const own = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  for (const name of Object.keys({ ...own.dependencies, ...own.devDependencies })) {
    const types = require(`${name}/package.json`).config?.client?.types;
    if (types && require(`${types}/package.json`).config?.api === api) return name;
  }
  return undefined;
}

/** Our client: `create…Client({ <credential>, baseUrl })[operationId](...path parameters, body | query)`. */
export function ourClient(op, packageName) {
  const args = op.pathOrder.map((name) => op.pathParams[name]);
  if (op.requestBody !== undefined) args.push(op.requestBody);
  else if (op.hasQuery) args.push(op.query);
  const shown = [...op.pathOrder, ...(op.requestBody !== undefined ? ['body'] : op.hasQuery ? ['query'] : [])].join(', ');
  return {
    id: packageName,
    label: `our \`${packageName}\``,
    description: `create…Client({ <credential>, baseUrl }).${op.operationId}(${shown}): the generated method, default retries, timeout, checks`,
    async create(baseUrl) {
      const module = await import(packageName);
      const factory = Object.entries(module).find(
        ([name, value]) => /^create\w+(?<!Raw)Client$/.test(name) && typeof value === 'function',
      )[1];
      let credential;
      try {
        factory({});
      } catch (error) {
        credential = error.parameter;
      }
      const method = factory({ [credential]: TOKEN, baseUrl })[op.operationId];
      return () => method(...args);
    },
  };
}

/** The contestants for one operation; the first is the baseline (raw fetch). */
export function contestantsFor(op) {
  const list = [rawFetch(op), openapiFetch(op)];
  if (op.api === 'sendgrid-provisioning') list.push(sendgridClient(op));
  const ours = ourClientPackage(op.api);
  if (ours) list.push(ourClient(op, ours));
  return list;
}
