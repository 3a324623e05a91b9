#!/usr/bin/env node
// Writes <client package>/src/generated/spec.ts from the OpenAPI document its types package ships
// (`<types package>/openapi.json`): server URLs, the authentication header, the operation's method,
// path template, documented statuses and path-parameter limits. Clients import these constants, so
// nothing about the API is copied by hand.
//
// Run from a client package directory (its build does this). Configuration comes from that
// package.json's `config.client`:
//   { "types": "<types package>", "operationId": "<id>",
//     "servers": { "<option value>": "<text the server's description starts with>" , ... } }
// The first server of the document is the default. The build fails if anything cannot be matched.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const cwd = process.cwd();
const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
const config = pkg.config?.client;
if (!config?.types || !config.operationId || !config.servers) {
  fail(`${pkg.name}: package.json needs config.client { types, operationId, servers }`);
}
const require = createRequire(join(cwd, 'package.json'));
const specFile = require.resolve(`${config.types}/openapi.json`);
const doc = JSON.parse(readFileSync(specFile, 'utf8'));

function fail(message) {
  console.error(`generate-client-constants: ${message}`);
  process.exit(1);
}

function deref(node) {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === 'string'; depth++) {
    if (depth > 20 || !current.$ref.startsWith('#/')) fail(`cannot resolve ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((acc, key) => acc?.[key], doc);
    if (current === undefined) fail(`dangling $ref ${node.$ref}`);
  }
  return current;
}

// Servers: each option value matched to the server whose description starts with the given text.
const servers = doc.servers ?? [];
if (servers.length === 0) fail('the document has no servers');
const serverMap = {};
for (const [key, prefix] of Object.entries(config.servers)) {
  const match = servers.filter((s) => (s.description ?? '').toLowerCase().startsWith(prefix.toLowerCase()));
  if (match.length !== 1) fail(`expected exactly one server whose description starts with "${prefix}", found ${match.length}`);
  serverMap[key] = match[0].url.replace(/\/+$/, '');
}
const defaultServer = Object.keys(serverMap).find((k) => serverMap[k] === servers[0].url.replace(/\/+$/, ''));
if (!defaultServer) fail('the first server of the document is not mapped to an option value');

// Operation: method, path template, documented statuses, the single path parameter.
let found;
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']) {
    if (item[method]?.operationId === config.operationId) found = { path, item, method, op: item[method] };
  }
}
if (!found) fail(`operationId ${config.operationId} not found`);
const statuses = Object.keys(found.op.responses ?? {})
  .map(Number)
  .filter((s) => Number.isInteger(s))
  .sort((a, b) => a - b);
const params = [...(found.item.parameters ?? []), ...(found.op.parameters ?? [])].map(deref).filter((p) => p.in === 'path');
if (params.length !== 1) fail(`expected exactly one path parameter, found ${params.length}`);
const param = params[0];
const schema = deref(param.schema ?? {});
const placeholder = `{${param.name}}`;
const at = found.path.indexOf(placeholder);
if (at < 0) fail(`path ${found.path} has no ${placeholder}`);
let parameter;
if (schema.type === 'string') {
  parameter = { name: param.name, type: 'string', minLength: Math.max(1, schema.minLength ?? 1) };
} else if (schema.type === 'integer') {
  const int32 = schema.format === 'int32';
  parameter = {
    name: param.name,
    type: 'integer',
    minimum: schema.minimum ?? (int32 ? -2147483648 : Number.MIN_SAFE_INTEGER),
    maximum: schema.maximum ?? (int32 ? 2147483647 : Number.MAX_SAFE_INTEGER),
  };
} else {
  fail(`unsupported path parameter type ${schema.type}`);
}

// Authentication: the first security requirement of the operation (or the document).
const requirement = (found.op.security ?? doc.security ?? [])[0];
const schemeName = requirement && Object.keys(requirement)[0];
const scheme = schemeName && deref(doc.components?.securitySchemes?.[schemeName]);
let auth;
if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') auth = { header: 'Authorization', prefix: 'Bearer ' };
else if (scheme?.type === 'apiKey' && scheme.in === 'header') auth = { header: scheme.name, prefix: '' };
else fail(`unsupported security scheme ${schemeName}`);

const out = `// GENERATED FILE - DO NOT EDIT. Change the OpenAPI document instead and rebuild.
// Source: ${config.types}/openapi.json (servers, security scheme ${schemeName}, operation ${config.operationId}).
// Generator: @mailapis/client-core scripts/generate-client-constants.mjs (run by this package's build).

/** Server URLs from the document's \`servers\`, keyed by the factory option value. */
export const SERVERS = ${JSON.stringify(serverMap)} as const;

/** The option value of the document's first server, used when none is chosen. */
export const DEFAULT_SERVER = ${JSON.stringify(defaultServer)} as const;

/** Authentication header from the security scheme \`${schemeName}\`. */
export const AUTH_HEADER = ${JSON.stringify(auth.header)};
export const AUTH_PREFIX = ${JSON.stringify(auth.prefix)};

/** \`${found.method.toUpperCase()} ${found.path}\` (operationId \`${config.operationId}\`). */
export const OPERATION_ID = ${JSON.stringify(config.operationId)};
export const METHOD = ${JSON.stringify(found.method.toUpperCase())};
export const PATH_TEMPLATE = ${JSON.stringify(found.path)};
export const PATH_PREFIX = ${JSON.stringify(found.path.slice(0, at))};
export const PATH_SUFFIX = ${JSON.stringify(found.path.slice(at + placeholder.length))};
export const DOCUMENTED_STATUSES: readonly number[] = ${JSON.stringify(statuses)};

/** The path parameter and its limits from its schema. */
export const PATH_PARAMETER = ${JSON.stringify(parameter)} as const;
`;
mkdirSync(join(cwd, 'src/generated'), { recursive: true });
writeFileSync(join(cwd, 'src/generated/spec.ts'), out);
console.log(`generate-client-constants: wrote src/generated/spec.ts for ${config.operationId}`);
