#!/usr/bin/env node
// Writes <client package>/src/generated/operations.ts from the OpenAPI document its types package
// ships (`<types package>/openapi.json`): server URLs, the authentication header, and for EVERY
// operation its method, path template, path parameters (in path order) and query parameters with
// their schema limits, request body, success status, documented statuses, retry safety and whether
// it is paginated; plus each request body's schema (dereferenced, annotations dropped). The client
// methods are built from this table at run time, so no operation is ever written by hand.
//
// Run from a client package directory (its build does this). Configuration is per API, never per
// operation, and comes from that package.json's `config.client`:
//   { "types": "<types package>", "servers": { "<option value>": "<text the server's description starts with>", ... } }
// The first server of the document is the default. The build fails, naming the cause, on anything
// the table cannot describe (an unsupported parameter type or style, a non-JSON body, no 2xx...).
//
// Retry safety: GET, HEAD, PUT, DELETE and OPTIONS are safe to retry, POST and PATCH are not; an
// operation's `x-idempotent: true|false` extension overrides that default.
// Pagination: an operation whose success body is an object with `resources` (an array) and
// `pagination` (an object with `page` and `total_pages`), and which has a `page` query parameter.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const RETRY_SAFE = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const INT32 = [-2147483648, 2147483647];
const SAFE = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
/** Keywords kept in a request body schema: those client-core's `checkSchema` checks (the rest is not checked locally). */
const SCHEMA_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'contains',
  'minContains',
  'maxContains',
  'if',
  'then',
  'else',
  'allOf',
]);

export class TableError extends Error {}

function fail(message) {
  throw new TableError(message);
}

/**
 * Returns the TypeScript source of the operation table of `doc`.
 * @param {any} doc the bundled OpenAPI 3.1 document
 * @param {{ source: string, servers: Record<string, string>, coreModule?: string }} config
 *   `source` names the document in the header; `servers` maps option values to description prefixes.
 */
export function operationTableSource(doc, { source, servers: serverConfig, coreModule = '@mailapis/client-core' }) {
  const deref = (node, seen = []) => {
    let current = node;
    while (current && typeof current.$ref === 'string') {
      const ref = current.$ref;
      if (!ref.startsWith('#/') || seen.includes(ref)) fail(`cannot resolve ${ref}${seen.includes(ref) ? ' (recursive)' : ''}`);
      seen = [...seen, ref];
      current = ref
        .slice(2)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((acc, key) => acc?.[key], doc);
      if (current === undefined) fail(`dangling $ref ${ref}`);
    }
    return current;
  };

  // Servers.
  const servers = doc.servers ?? [];
  if (servers.length === 0) fail('the document has no servers');
  const serverMap = {};
  for (const [key, prefix] of Object.entries(serverConfig ?? {})) {
    const match = servers.filter((s) => (s.description ?? '').toLowerCase().startsWith(prefix.toLowerCase()));
    if (match.length !== 1) fail(`expected exactly one server whose description starts with "${prefix}", found ${match.length}`);
    serverMap[key] = match[0].url.replace(/\/+$/, '');
  }
  const defaultServer = Object.keys(serverMap).find((k) => serverMap[k] === servers[0].url.replace(/\/+$/, ''));
  if (!defaultServer) fail('the first server of the document is not mapped to an option value');

  // Authentication: one scheme for the whole document.
  const authOf = (security, where) => {
    const requirement = security?.[0];
    const schemeName = requirement && Object.keys(requirement)[0];
    const scheme = schemeName && deref(doc.components?.securitySchemes?.[schemeName]);
    if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer')
      return { scheme: schemeName, header: 'Authorization', prefix: 'Bearer ' };
    if (scheme?.type === 'apiKey' && scheme.in === 'header') return { scheme: schemeName, header: scheme.name, prefix: '' };
    return fail(`${where}: unsupported security ${JSON.stringify(security)}`);
  };
  const auth = authOf(doc.security, 'document');

  const value = (schema, where) => {
    const s = deref(schema ?? {});
    const types = [s.type].flat().filter((t) => t !== 'null');
    const type = types.length === 1 ? types[0] : s.enum || s.const !== undefined ? typeof (s.enum?.[0] ?? s.const) : undefined;
    if (!['string', 'integer', 'number', 'boolean'].includes(type))
      fail(`${where}: unsupported parameter type ${JSON.stringify(s.type)}`);
    const out = { type };
    if (s.format && type !== 'integer') out.format = s.format; // an integer's format is folded into its bounds
    if (type === 'integer') {
      const [lo, hi] = s.format === 'int32' ? INT32 : SAFE;
      out.minimum = Math.max(lo, s.minimum ?? lo, s.exclusiveMinimum === undefined ? lo : Math.floor(s.exclusiveMinimum) + 1);
      out.maximum = Math.min(hi, s.maximum ?? hi, s.exclusiveMaximum === undefined ? hi : Math.ceil(s.exclusiveMaximum) - 1);
    } else {
      for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) if (typeof s[k] === 'number') out[k] = s[k];
    }
    for (const k of ['minLength', 'maxLength', 'pattern']) if (s[k] !== undefined) out[k] = s[k];
    if (s.enum) out.enum = s.enum.filter((v) => v !== null);
    else if (s.const !== undefined) out.enum = [s.const];
    return { spec: out, schema: s };
  };

  const parameter = (p, where) => {
    const schema = deref(p.schema ?? {});
    const name = p.name;
    const required = p.in === 'path' || p.required === true;
    let out;
    if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'))) {
      if (p.in === 'path') fail(`${where}: array path parameter ${name} is not supported`);
      out = { name, type: 'array', required, items: value(schema.items, `${where} ${name}[]`).spec };
      for (const k of ['minItems', 'maxItems']) if (schema[k] !== undefined) out[k] = schema[k];
    } else {
      const { spec } = value(schema, `${where} ${name}`);
      out = { name, ...spec, type: spec.type, required };
      if (p.in === 'path' && spec.type === 'string') out.minLength = Math.max(1, spec.minLength ?? 1);
    }
    if (p.in === 'query') {
      const style = p.style ?? 'form';
      if (style !== 'form') fail(`${where}: query parameter ${name} has style ${style}; only form is supported`);
      // Defaults are left out to keep the table small: style form, explode true, not required.
      if (p.explode === false) out.explode = false;
      if (!required) delete out.required;
    } else {
      delete out.required; // a path parameter is always required
    }
    return out;
  };

  const isJson = (content) => Object.keys(content ?? {}).find((type) => /^application\/(.+\+)?json\b/.test(type));

  const strip = (schema, where, seen = []) => {
    const s = deref(schema, seen);
    if (typeof s !== 'object' || s === null) return s;
    const refs = schema?.$ref ? [...seen, schema.$ref] : seen;
    const out = {};
    for (const [k, v] of Object.entries(s)) {
      if (!SCHEMA_KEYWORDS.has(k) || (k === 'additionalProperties' && v === true)) continue; // true is the default
      if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v).map(([n, sub]) => [n, strip(sub, where, refs)]));
      else if (['items', 'contains', 'if', 'then', 'else', 'additionalProperties'].includes(k) && typeof v === 'object')
        out[k] = strip(v, where, refs);
      else out[k] = v;
    }
    return out;
  };

  const operations = {};
  const bodySchemas = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const id = op.operationId;
      const where = `${method.toUpperCase()} ${path}`;
      if (!id || !/^[A-Za-z_$][\w$]*$/.test(id)) fail(`${where}: operationId ${JSON.stringify(id)} is not a valid method name`);
      if (operations[id]) fail(`${where}: duplicate operationId ${id}`);
      if (op.security && JSON.stringify(authOf(op.security, where)) !== JSON.stringify(auth)) {
        fail(`${where}: a security scheme other than the document's is not supported`);
      }
      // Operation-level parameters override path-level ones with the same name and location.
      const byKey = new Map();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x) => deref(x)))
        byKey.set(`${p.in}:${p.name}`, p);
      const params = [...byKey.values()];
      const unsupported = params.find((p) => p.in !== 'path' && p.in !== 'query');
      if (unsupported) fail(`${where}: ${unsupported.in} parameter ${unsupported.name} is not supported`);
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const pathParams = names.map((name) => {
        const p = params.find((x) => x.in === 'path' && x.name === name);
        if (!p) fail(`${where}: path parameter {${name}} is not declared`);
        return parameter(p, where);
      });
      const extra = params.find((p) => p.in === 'path' && !names.includes(p.name));
      if (extra) fail(`${where}: path parameter ${extra.name} is not in the path`);
      const query = params.filter((p) => p.in === 'query').map((p) => parameter(p, where));

      const spec = { method: method.toUpperCase(), path, pathParams, query };
      const requestBody = op.requestBody && deref(op.requestBody);
      if (requestBody) {
        const type = isJson(requestBody.content);
        if (!type) fail(`${where}: only JSON request bodies are supported`);
        spec.body = requestBody.required ? 'required' : 'optional';
        bodySchemas[id] = strip(requestBody.content[type].schema ?? {}, where);
      }
      const statuses = Object.keys(op.responses ?? {})
        .filter((s) => /^\d{3}$/.test(s))
        .map(Number)
        .sort((a, b) => a - b);
      const success = statuses.find((s) => s >= 200 && s < 300);
      if (success === undefined) fail(`${where}: no 2xx response is documented`);
      const successResponse = deref(op.responses[String(success)]);
      const successType = isJson(successResponse.content);
      Object.assign(spec, { success, successJson: Boolean(successType), statuses });
      spec.retrySafe = typeof op['x-idempotent'] === 'boolean' ? op['x-idempotent'] : RETRY_SAFE.has(spec.method);
      const envelope = successType && deref(successResponse.content[successType].schema ?? {});
      const pagination = envelope?.properties?.pagination && deref(envelope.properties.pagination);
      if (
        deref(envelope?.properties?.resources ?? {}).type === 'array' &&
        pagination?.properties?.page &&
        pagination.properties.total_pages &&
        query.some((q) => q.name === 'page')
      ) {
        spec.paginated = true;
      }
      operations[id] = spec;
    }
  }
  if (Object.keys(operations).length === 0) fail('the document has no operations');

  const json = (v) => JSON.stringify(v, null, 2);
  return `// GENERATED FILE - DO NOT EDIT. Change the OpenAPI document instead and rebuild.
// Source: ${source} (servers, security scheme ${auth.scheme}, ${Object.keys(operations).length} operations).
// Generator: @mailapis/client-core scripts/generate-operation-table.mjs (run by this package's build).
import type { OperationTable } from '${coreModule}';

/** Server URLs from the document's \`servers\`, keyed by the factory option value. */
export const servers = ${json(serverMap)} as const;

/** The option value of the document's first server, used when none is chosen. */
export const defaultServer = ${json(defaultServer)} as const;

/** Authentication header from the security scheme \`${auth.scheme}\`. */
export const auth = ${json({ header: auth.header, prefix: auth.prefix })} as const;

/** Every operation of the document, by operationId. */
export const operations = ${json(operations)} as const satisfies OperationTable;

/** Each request body's JSON Schema, dereferenced, annotations dropped (for local rule checks). */
export const requestBodySchemas = ${json(bodySchemas)} as const;
`;
}

/** Reads the package's config and its types package's document, writes `src/generated/operations.ts`. */
function main() {
  const cwd = process.cwd();
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  const config = pkg.config?.client;
  if (!config?.types || !config.servers) throw new TableError(`${pkg.name}: package.json needs config.client { types, servers }`);
  const require = createRequire(join(cwd, 'package.json'));
  const doc = JSON.parse(readFileSync(require.resolve(`${config.types}/openapi.json`), 'utf8'));
  const source = operationTableSource(doc, { source: `${config.types}/openapi.json`, servers: config.servers });
  mkdirSync(join(cwd, 'src/generated'), { recursive: true });
  writeFileSync(join(cwd, 'src/generated/operations.ts'), source);
  console.log(`generate-operation-table: wrote src/generated/operations.ts for ${pkg.name}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    console.error(`generate-operation-table: ${error.message}`);
    process.exit(1);
  }
}
