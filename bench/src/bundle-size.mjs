// Bundle size: each entry bundled with esbuild exactly as a partner's app bundler would (ESM, minified,
// tree-shaken, platform browser unless stated), then compressed with node:zlib (gzip level 9, brotli
// quality 11). The entry re-exports a package's whole public API, so this is the worst case: an app that
// imports one function tree-shakes to less.
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
