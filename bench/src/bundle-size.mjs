// Bundle size: each entry bundled with esbuild exactly as a partner's app bundler would (ESM, minified,
// tree-shaken, platform browser unless stated), then compressed with node:zlib (gzip level 9, brotli
// quality 11). The entry re-exports a package's whole public API, so this is the worst case: an app that
// imports one function tree-shakes to less.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const benchDir = new URL('..', import.meta.url).pathname;

/**
 * @typedef {object} BundleTarget
 * @property {string} id
 * @property {string} entry                 source of the entry module
 * @property {'browser' | 'node'} [platform] default browser
 * @property {string[]} [external]
 * @property {boolean} [budget]             whether the gzip budget applies
 */
/**
 * @typedef {object} BundleResult
 * @property {string} id
 * @property {'browser' | 'node'} platform
 * @property {boolean} ok
 * @property {number} [minifiedBytes]
 * @property {number} [gzipBytes]
 * @property {number} [brotliBytes]
 * @property {number} [inputs]
 * @property {number} [budgetBytes]
 * @property {string} [error]               why esbuild could not bundle it
 */

/**
 * The targets measured. Each client has two entry points, both budgeted: the main entry (the typed
 * methods, which call `fetch` directly and so need no openapi-fetch) and `./raw` (the typed openapi-fetch
 * client, openapi-fetch included). The unbudgeted "+ ./raw" rows show an app that imports both.
 * @type {BundleTarget[]}
 */
export const BUNDLE_TARGETS = [
  {
    id: '@mailapis/sendgrid-provisioning-client',
    entry: "export * from '@mailapis/sendgrid-provisioning-client';",
    budget: true,
  },
  { id: '@mailapis/qboxmail-delivery-client', entry: "export * from '@mailapis/qboxmail-delivery-client';", budget: true },
  {
    id: '@mailapis/sendgrid-provisioning-client/raw (openapi-fetch included)',
    entry: "export * from '@mailapis/sendgrid-provisioning-client/raw';",
    budget: true,
  },
  {
    id: '@mailapis/qboxmail-delivery-client/raw (openapi-fetch included)',
    entry: "export * from '@mailapis/qboxmail-delivery-client/raw';",
    budget: true,
  },
  {
    id: '@mailapis/sendgrid-provisioning-client + ./raw',
    entry: "export * from '@mailapis/sendgrid-provisioning-client'; export * from '@mailapis/sendgrid-provisioning-client/raw';",
  },
  {
    id: '@mailapis/qboxmail-delivery-client + ./raw',
    entry: "export * from '@mailapis/qboxmail-delivery-client'; export * from '@mailapis/qboxmail-delivery-client/raw';",
  },
  { id: 'openapi-fetch', entry: "export * from 'openapi-fetch'; export { default } from 'openapi-fetch';" },
  { id: '@sendgrid/client', entry: "export { default } from '@sendgrid/client';" },
  { id: '@sendgrid/client', entry: "export { default } from '@sendgrid/client';", platform: 'node' },
];

/** Budget per client entry point, gzip bytes, everything it imports included (5 kB = 5 000 bytes). */
export const GZIP_BUDGET_BYTES = 5000;

/**
 * @param {BundleTarget} target
 * @returns {Promise<BundleResult>} sizes in bytes, or `{ ok: false, error }` when esbuild refuses to bundle
 */
export async function measureBundle(target) {
  const platform = target.platform ?? 'browser';
  try {
    const out = await build({
      stdin: { contents: target.entry, resolveDir: benchDir, sourcefile: 'entry.mjs', loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform,
      target: 'es2022',
      external: target.external ?? [],
      write: false,
      metafile: true,
      logLevel: 'silent',
      legalComments: 'none',
      define: platform === 'browser' ? { 'process.env.NODE_ENV': '"production"' } : {},
    });
    const code = out.outputFiles[0].contents;
    return {
      id: target.id,
      platform,
      ok: true,
      minifiedBytes: code.length,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      brotliBytes: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      inputs: Object.keys(out.metafile.inputs).length,
      budgetBytes: target.budget ? GZIP_BUDGET_BYTES : undefined,
    };
  } catch (error) {
    const messages = (error.errors ?? []).map((e) => `${e.location?.file ?? ''}: ${e.text}`);
    return {
      id: target.id,
      platform,
      ok: false,
      error: messages.length > 0 ? `${messages.length} esbuild errors, e.g. ${messages.slice(0, 3).join('; ')}` : String(error),
    };
  }
}

export async function measureBundles(targets = BUNDLE_TARGETS) {
  const results = [];
  for (const target of targets) results.push(await measureBundle(target));
  return results;
}

/**
 * The client packages the bench depends on (each dependency whose package.json has
 * `config.client.types`), with their package folder.
 * @returns {{ name: string, dir: string }[]}
 */
export function clientPackages() {
  const require = createRequire(import.meta.url);
  const own = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return Object.keys({ ...own.dependencies, ...own.devDependencies })
    .map((name) => ({ name, file: require.resolve(`${name}/package.json`) }))
    .filter(({ file }) => JSON.parse(readFileSync(file, 'utf8')).config?.client?.types)
    .map(({ name, file }) => ({ name, dir: dirname(file) }));
}

/** Keeps the first `keep` entries of each object literal `export const <name> = {...} as const` in a generated table. */
function truncateTable(source, keep) {
  return source.replace(/(export const (\w+) = )(\{\n[\s\S]*?\n\})( as const)/g, (whole, head, name, literal, tail) => {
    if (name !== 'operations' && name !== 'requestBodySchemas') return whole;
    const table = JSON.parse(literal);
    const kept = name === 'operations' ? Object.keys(table).slice(0, keep) : undefined;
    return `${head}${JSON.stringify(Object.fromEntries(Object.entries(table).filter(([id]) => !kept || kept.includes(id))))}${tail}`;
  });
}

/**
 * What each operation adds to a client's main entry: the entry is bundled from the client's source
 * (`src/index.ts`, esbuild, browser, minified) with its generated operation table cut to the first
 * k operations, for k = 1 … N; the cost per operation is (gzip(N) − gzip(1)) / (N − 1). Request body
 * schemas stay whole (the methods of a cut table never use them; only their bytes are counted once).
 */
export async function measureOperationCost(packages = clientPackages()) {
  const out = [];
  for (const pkg of packages) {
    const tableFile = join(pkg.dir, 'src', 'generated', 'operations.ts');
    const full = readFileSync(tableFile, 'utf8');
    const total = Object.keys(JSON.parse(/export const operations = (\{\n[\s\S]*?\n\})/.exec(full)[1])).length;
    const sizes = [];
    for (let k = 1; k <= total; k++) {
      const result = await build({
        entryPoints: [join(pkg.dir, 'src', 'index.ts')],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
        legalComments: 'none',
        plugins: [
          {
            name: 'cut-operation-table',
            setup(b) {
              b.onLoad({ filter: /[\\/]generated[\\/]operations\.ts$/ }, () => ({
                contents: truncateTable(full, k),
                loader: 'ts',
              }));
            },
          },
        ],
      });
      const code = result.outputFiles[0].contents;
      sizes.push({ operations: k, minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });
    }
    const first = sizes[0];
    const last = sizes.at(-1);
    const per = (key) => (total > 1 ? Math.round((last[key] - first[key]) / (total - 1)) : undefined);
    out.push({
      id: pkg.name,
      operations: total,
      sizes,
      perOperationGzipBytes: per('gzipBytes'),
      perOperationMinifiedBytes: per('minifiedBytes'),
    });
  }
  return out;
}
