// Scale: synthetic APIs with N operations built from the shapes of our real ones, run through the same
// tool chain as the repository (redocly lint with our redocly.yaml rules, redocly bundle, openapi-typescript,
// redocly build-docs, tsc on the generated types plus one typed openapi-fetch call per operation).
//
// Operation i copies the operation of real API i mod 2 (its path item, its request/response schemas,
// examples, parameters, headers and responses, renamed with suffix i) at path `/r<i>/<real path>`, so the
// component count grows with N exactly as the operation count does (a full API that shares its error
// responses would be smaller). The synthetic API is written split, like specs/: one file per path
// item and per component, referenced by relative $ref, so `bundle` really resolves N × ~25 files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listApis, loadSpec } from '@mailapis/specs';
import { runCommand } from './run-command.mjs';

const require = createRequire(import.meta.url);
const repoRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const packageFile = (name, file) => join(dirname(require.resolve(`${name}/package.json`)), file);
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

function mapRefs(node, fn) {
  if (Array.isArray(node)) return node.map((n) => mapRefs(n, fn));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' ? fn(v) : mapRefs(v, fn);
    return out;
  }
  return node;
}

function collectRefs(node, into) {
  if (Array.isArray(node)) for (const n of node) collectRefs(n, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else collectRefs(v, into);
    }
  }
}

/** One template per real operation: its path item reduced to that operation, and every component it reaches. */
export function templates() {
  return listApis().flatMap((api) => {
    const doc = loadSpec(api.name);
    const operations = Object.entries(doc.paths).flatMap(([path, fullItem]) =>
      METHODS.filter((method) => fullItem[method]).map((method) => {
        const item = Object.fromEntries(Object.entries(fullItem).filter(([key]) => key === method || !METHODS.includes(key)));
        return [path, item];
      }),
    );
    return operations.map(([path, item]) => {
      const reached = new Set();
      const queue = new Set();
      collectRefs(item, queue);
      while (queue.size > 0) {
        const [ref] = queue;
        queue.delete(ref);
        if (reached.has(ref)) continue;
        reached.add(ref);
        const [, , kind, name] = ref.split('/');
        collectRefs(doc.components[kind][name], queue);
      }
      const security = doc.security ?? [];
      return { api: api.name, doc, path, item, components: [...reached].map((ref) => ref.split('/').slice(2)), security };
    });
  });
}

/** Writes a split synthetic API with `n` operations into `dir`; returns facts about it. */
export function writeSyntheticApi(dir, n, tpls = templates()) {
  const base = tpls[0].doc;
  const rename = (name, i) => `${name}${i}`;
  const fileOf = (kind, name) => `components/${kind}/${name}.json`;
  const write = (file, value) => writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  const kinds = new Set(tpls.flatMap((t) => t.components.map(([kind]) => kind)));
  for (const kind of kinds) mkdirSync(join(dir, 'components', kind), { recursive: true });
  mkdirSync(join(dir, 'paths'), { recursive: true });

  const paths = {};
  // Every operation authenticates with the first API's scheme: one document has one security scheme
  // (as each of ours does), which the operation-table generator requires.
  const securitySchemes = { ...base.components.securitySchemes };
  const tags = new Map();
  const calls = [];
  let files = 0;
  for (const t of tpls.slice(0, n)) {
    for (const tag of t.doc.tags ?? []) tags.set(tag.name, tag);
  }
  for (let i = 0; i < n; i++) {
    const t = tpls[i % tpls.length];
    const toFile = (from) => (ref) => {
      const [, , kind, name] = ref.split('/');
      return from === 'paths' ? `../${fileOf(kind, rename(name, i))}` : `../${kind}/${rename(name, i)}.json`;
    };
    for (const [kind, name] of t.components) {
      write(fileOf(kind, rename(name, i)), mapRefs(t.doc.components[kind][name], toFile('components')));
      files++;
    }
    const item = mapRefs(t.item, toFile('paths'));
    for (const method of METHODS) {
      if (!item[method]) continue;
      item[method] = { ...item[method], operationId: `${item[method].operationId}${i}` };
      delete item[method].security;
      const op = t.item[method];
      const params = [...(t.item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        p.$ref ? t.doc.components.parameters[p.$ref.split('/').at(-1)] : p,
      );
      const pathParams = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, p.example]));
      const queryParams = params.filter((p) => p.in === 'query');
      const withExample = queryParams.filter((p) => p.example !== undefined);
      const query = withExample.length > 0 ? Object.fromEntries(withExample.map((p) => [p.name, p.example])) : undefined;
      const exampleRef = Object.values(op.requestBody?.content?.['application/json']?.examples ?? {})[0]?.$ref;
      const body = exampleRef ? t.doc.components.examples[exampleRef.split('/').at(-1)].value : undefined;
      calls.push({
        operationId: item[method].operationId,
        method: method.toUpperCase(),
        path: `/r${i}${t.path}`,
        pathParams,
        pathOrder: [...t.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        hasBody: op.requestBody !== undefined,
        hasQuery: queryParams.length > 0,
        query,
        body,
      });
    }
    const slug = `r${i}${t.path.replaceAll('/', '_')}`;
    write(`paths/${slug}.json`, item);
    files++;
    paths[`/r${i}${t.path}`] = { $ref: `paths/${slug}.json` };
  }
  write('openapi.json', {
    openapi: base.openapi,
    info: {
      ...base.info,
      title: `Synthetic API with ${n} operations`,
      summary: `Generated by @mailapis/bench from the shapes of our APIs.`,
    },
    servers: base.servers,
    security: base.security,
    tags: [...tags.values()],
    paths,
    components: { securitySchemes },
  });
  files++;
  const redocly = readFileSync(join(repoRoot, 'redocly.yaml'), 'utf8')
    .replace(/^apis:\n(?:[ #].*\n|\n)*?(?=^\S)/m, 'apis:\n  synthetic@v1:\n    root: ../openapi.json\n\n')
    // Files the configuration names relative to the repository (plugins) stay the repository's.
    .replace(/^(\s*-\s+)\.\//gm, `$1${repoRoot}/`);
  // In a sub-folder: openapi-typescript would otherwise pick up a redocly.yaml in its working directory.
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 'redocly.yaml'), redocly);
  return { operations: calls.length, files, calls };
}

/**
 * What the generated client of the synthetic API costs a partner's app: the operation table
 * (generated by client-core's script) turned into a client by `createApiClient`, typed from the
 * generated types, and one call per operation in the uniform call shape (path parameters, then the
 * body or the query object).
 */
function clientUsageSource(calls) {
  const lines = [
    '// Generated by @mailapis/bench scale: one call per operation through the generated client, to type-check it.',
    "import { createApiClient, type Transport } from '@mailapis/client-core';",
    "import type { operations } from './generated/synthetic.ts';",
    "import { operations as table } from './client/src/generated/operations.ts';",
    '',
    'declare const transport: Transport;',
    'const client = createApiClient<operations, typeof table>(table, transport);',
    '',
    'export async function callEveryOperation(): Promise<number> {',
    '  let ok = 0;',
  ];
  for (const c of calls) {
    const args = c.pathOrder.map((name) => JSON.stringify(c.pathParams[name]));
    if (c.hasBody) args.push(JSON.stringify(c.body));
    else if (c.hasQuery) args.push(JSON.stringify(c.query ?? {}));
    lines.push(`  if (await client.${c.operationId}(${args.join(', ')})) ok++;`);
  }
  lines.push('  return ok;', '}', '');
  return lines.join('\n');
}

/** A client package folder for the synthetic API, as client-core's table generator expects one. */
function writeSyntheticClientPackage(dir, servers) {
  const types = join(dir, 'client', 'node_modules', 'synthetic-types');
  mkdirSync(types, { recursive: true });
  writeFileSync(
    join(types, 'package.json'),
    JSON.stringify({ name: 'synthetic-types', version: '1.0.0', config: { api: 'synthetic' } }),
  );
  // The bundle appears there once the bundle step ran.
  symlinkSync(join(dir, 'dist', 'synthetic.openapi.json'), join(types, 'openapi.json'));
  const serverConfig = Object.fromEntries(servers.map((server, i) => [`server${i}`, server.description]));
  writeFileSync(
    join(dir, 'client', 'package.json'),
    JSON.stringify({
      name: 'synthetic-client',
      version: '1.0.0',
      config: { client: { types: 'synthetic-types', servers: serverConfig } },
    }),
  );
}

function usageSource(calls) {
  const lines = [
    '// Generated by @mailapis/bench scale: one typed call per operation, to type-check the generated paths.',
    "import createClient from 'openapi-fetch';",
    "import type { paths } from './generated/synthetic.ts';",
    '',
    "const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });",
    '',
    'export async function callEveryOperation(): Promise<number> {',
    '  let ok = 0;',
  ];
  for (const c of calls) {
    const params = {
      ...(c.pathOrder.length > 0 ? { path: c.pathParams } : {}),
      ...(c.query === undefined ? {} : { query: c.query }),
    };
    const init = { ...(Object.keys(params).length > 0 ? { params } : {}), ...(c.body === undefined ? {} : { body: c.body }) };
    lines.push(`  if ((await client.${c.method}('${c.path}', ${JSON.stringify(init)})).data) ok++;`);
  }
  lines.push('  return ok;', '}', '');
  return lines.join('\n');
}

/** The pipeline steps timed at each size; `total` is their sum. */
export const SCALE_STEPS = ['lint', 'bundle', 'generate', 'table', 'docs', 'typecheck'];
/**
 * Timed too but not part of `total`: what a partner's app pays, tsc on the generated types plus one typed
 * openapi-fetch call per operation (each call resolves its path against the union of every path); and
 * `client`, tsc on the generated types, the generated operation table and one call per operation through
 * the client `createApiClient` makes from them (what an app calling every method of our client pays).
 */
export const EXTRA_STEPS = ['usage', 'client'];

/** Runs the tool chain on a synthetic API of each size. */
export async function measureScale({ sizes, log }) {
  const redoclyCli = packageFile('@redocly/cli', 'bin/cli.js');
  const openapiTs = packageFile('openapi-typescript', 'bin/cli.js');
  const tsc = packageFile('typescript', 'bin/tsc');
  const openapiFetchTypes = packageFile('openapi-fetch', 'dist/index.d.mts');
  const clientCoreTypes = packageFile('@mailapis/client-core', 'dist/index.d.ts');
  const tableGenerator = packageFile('@mailapis/client-core', 'scripts/generate-operation-table.mjs');
  const tpls = templates();
  const results = [];
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `mailapis-bench-scale-${n}-`));
    try {
      const facts = writeSyntheticApi(dir, n, tpls);
      for (const sub of ['dist', 'generated', 'docs']) mkdirSync(join(dir, sub));
      writeFileSync(join(dir, 'usage.ts'), usageSource(facts.calls));
      writeFileSync(join(dir, 'client-usage.ts'), clientUsageSource(facts.calls));
      writeSyntheticClientPackage(dir, tpls[0].doc.servers ?? []);
      const tsconfig = (files) =>
        JSON.stringify({
          extends: join(repoRoot, 'tsconfig.base.json'),
          compilerOptions: {
            noEmit: true,
            allowImportingTsExtensions: true,
            sourceMap: false,
            declaration: false,
            types: [],
            paths: { 'openapi-fetch': [openapiFetchTypes], '@mailapis/client-core': [clientCoreTypes] },
          },
          files,
        });
      writeFileSync(join(dir, 'tsconfig.types.json'), tsconfig(['generated/synthetic.ts']));
      writeFileSync(join(dir, 'tsconfig.usage.json'), tsconfig(['generated/synthetic.ts', 'usage.ts']));
      writeFileSync(
        join(dir, 'tsconfig.client.json'),
        tsconfig(['generated/synthetic.ts', 'client/src/generated/operations.ts', 'client-usage.ts']),
      );
      const commands = {
        lint: [redoclyCli, 'lint', 'synthetic@v1', '--config', 'config/redocly.yaml', '--format=stylish'],
        bundle: [
          redoclyCli,
          'bundle',
          'synthetic@v1',
          '--config',
          'config/redocly.yaml',
          '--output',
          'dist/synthetic.openapi.json',
        ],
        generate: [openapiTs, 'dist/synthetic.openapi.json', '--output', 'generated/synthetic.ts'],
        docs: [
          redoclyCli,
          'build-docs',
          'dist/synthetic.openapi.json',
          '--config',
          'config/redocly.yaml',
          '--output',
          'docs/index.html',
        ],
        typecheck: [tsc, '-p', 'tsconfig.types.json'],
        usage: [tsc, '-p', 'tsconfig.usage.json'],
        table: [tableGenerator],
        client: [tsc, '-p', 'tsconfig.client.json'],
      };
      const steps = {};
      for (const step of [...SCALE_STEPS, ...EXTRA_STEPS]) {
        const logFile = join(dir, `${step}.log`);
        const run = await runCommand(process.execPath, commands[step], {
          cwd: step === 'table' ? join(dir, 'client') : dir,
          log: logFile,
        });
        if (run.exitCode !== 0) {
          const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
          throw new Error(`scale n=${n}: ${step} failed (exit ${run.exitCode}):\n${tail}`);
        }
        steps[step] = { seconds: run.seconds, peakRssMb: run.peakRssMb };
      }
      const totalSeconds = Math.round(SCALE_STEPS.reduce((s, k) => s + steps[k].seconds, 0) * 100) / 100;
      const peakRssMb = Math.max(...SCALE_STEPS.map((k) => steps[k].peakRssMb ?? 0));
      const bundleBytes = readFileSync(join(dir, 'dist/synthetic.openapi.json')).length;
      const typesBytes = readFileSync(join(dir, 'generated/synthetic.ts')).length;
      const tableBytes = readFileSync(join(dir, 'client/src/generated/operations.ts')).length;
      results.push({
        operations: facts.operations,
        sourceFiles: facts.files,
        bundleBytes,
        typesBytes,
        tableBytes,
        steps,
        totalSeconds,
        peakRssMb,
      });
      log(`scale: n=${n} ${totalSeconds}s peak ${peakRssMb} MB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { sizes, results, growth: growth(results) };
}

/**
 * How time grows with N. Fits t = a + b·N by least squares for the total and each step, and gives the
 * marginal cost per operation between consecutive sizes; growth is linear when those marginal costs are
 * equal (their ratio, `marginalRatio`, near 1) and super-linear when the later one is larger. `exponent`
 * is the log-log slope between the smallest and largest size (fixed start-up costs pull it below 1).
 */
export function growth(results) {
  const xs = results.map((r) => r.operations);
  const linearFit = (ys, scale) => {
    const n = xs.length;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const b = sxx === 0 ? 0 : xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / sxx;
    const a = my - b * mx;
    const ssTot = ys.reduce((s, y) => s + (y - my) ** 2, 0);
    const ssRes = ys.reduce((s, y, i) => s + (y - (a + b * xs[i])) ** 2, 0);
    const marginal = [];
    for (let i = 1; i < n; i++) marginal.push(((ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1])) * scale);
    const r = (v) => Math.round(v * 100) / 100;
    return {
      intercept: r(a),
      perOperation: r(b * scale),
      r2: ssTot === 0 ? 1 : Math.round((1 - ssRes / ssTot) * 10000) / 10000,
      marginalPerOperation: marginal.map(r),
      marginalRatio: marginal.length >= 2 && marginal[0] > 0 ? r(marginal.at(-1) / marginal[0]) : undefined,
      exponent: xs.length >= 2 && ys[0] > 0 ? r(Math.log(ys.at(-1) / ys[0]) / Math.log(xs.at(-1) / xs[0])) : undefined,
    };
  };
  // Time: intercept in s, perOperation and marginal in ms per operation. Memory: MB and MB per operation.
  const out = {
    total: linearFit(
      results.map((r) => r.totalSeconds),
      1000,
    ),
  };
  for (const step of [...SCALE_STEPS, ...EXTRA_STEPS])
    out[step] = linearFit(
      results.map((r) => r.steps[step].seconds),
      1000,
    );
  out.peakRssMb = linearFit(
    results.map((r) => r.peakRssMb),
    1,
  );
  for (const step of ['table', 'client']) {
    out[`${step}PeakRssMb`] = linearFit(
      results.map((r) => r.steps[step].peakRssMb ?? 0),
      1,
    );
  }
  return out;
}
