#!/usr/bin/env node
// Writes <types package>/src/generated/aliases.ts from the bundled document the package is built
// from (specs/dist/<api>.openapi.json, <api> = package.json config.api): one alias per component
// schema, documented with the schema's own description, and for every operation of the document
// its helpers `<Op>Status`, `<Op>Responses`, plus `<Op>PathParams` / `<Op>Query` when it has
// path / query parameters. Nothing is listed per operation: a new operation in the spec gets its
// helpers at the next build. Run from a types package folder (its `generate` script does).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cwd = process.cwd();
const api = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).config?.api;
if (!api) fail('package.json needs config.api');
const doc = JSON.parse(readFileSync(join(root, 'specs', 'dist', `${api}.openapi.json`), 'utf8'));

function fail(message) {
  console.error(`generate-type-aliases: ${message}`);
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
  }
  return current;
}

/** One line of doc comment text, safe inside `/** … *\/`. */
function comment(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\*\//g, '*\\/')
    .trim();
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const lines = [
  '// GENERATED FILE - DO NOT EDIT. Change the OpenAPI document instead and rebuild.',
  `// Source: @mailapis/specs dist/${api}.openapi.json (bundled from specs/${api}/).`,
  '// Generator: scripts/generate-type-aliases.mjs (the generate script of this package; run by build).',
  "import type { components, operations } from './openapi.js';",
  '',
  "type Schemas = components['schemas'];",
  '/** The JSON body of a response, or `undefined` when the response documents no JSON content. */',
  "type JsonBodyOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : undefined;",
];

for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
  lines.push('', `/** ${comment(schema.description ?? schema.title ?? name)} */`, `export type ${name} = Schemas['${name}'];`);
}

for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op?.operationId) continue;
    const id = op.operationId;
    const Op = id[0].toUpperCase() + id.slice(1);
    const where = `\`${method.toUpperCase()} ${path}\` (\`${id}\`)`;
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
    const statuses = Object.keys(op.responses ?? {}).join(', ');
    if (params.some((p) => p.in === 'path')) {
      lines.push('', `/** Path parameters of ${where}. */`, `export type ${Op}PathParams = operations['${id}']['parameters']['path'];`);
    }
    if (params.some((p) => p.in === 'query')) {
      lines.push(
        '',
        `/** Query parameters of ${where}. */`,
        `export type ${Op}Query = NonNullable<operations['${id}']['parameters']['query']>;`,
      );
    }
    lines.push(
      '',
      `/** Every documented HTTP status of ${where}: ${statuses}. */`,
      `export type ${Op}Status = keyof operations['${id}']['responses'];`,
      '',
      `/** JSON body type of ${where} for each documented status, e.g. \`${Op}Responses[${Object.keys(op.responses ?? {})[0]}]\`. */`,
      `export type ${Op}Responses = {`,
      `  [Status in ${Op}Status]: JsonBodyOf<operations['${id}']['responses'][Status]>;`,
      '};',
    );
  }
}

mkdirSync(join(cwd, 'src', 'generated'), { recursive: true });
writeFileSync(join(cwd, 'src', 'generated', 'aliases.ts'), `${lines.join('\n')}\n`);
console.log(`generate-type-aliases: wrote src/generated/aliases.ts for ${api}`);
