import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listApis, specPath } from '@mailapis/specs';
import { defineConfig } from 'tsup';

/** Where the shipped documents go; src/bundled.ts reads them from `specs/` next to the built module. */
const SPECS_OUT = 'dist/specs';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  // ESM for `import` and the bin, CJS (with .d.cts) for `require`.
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // import.meta.url / __dirname in either format (src/bundled.ts locates dist/specs with them).
  shims: true,
  // Bundle createSpecAjv of the private @mailapis/specs; its own imports (ajv, ajv-formats) stay external dependencies.
  noExternal: ['@mailapis/specs'],
  onSuccess: async () => {
    // The bin is ESM only (dist/cli.js); the CJS build is for require('@mailapis/mock').
    await rm('dist/cli.cjs', { force: true });
    await rm('dist/cli.cjs.map', { force: true });
    // Ship the bundled documents of the version this build is made from.
    await rm(SPECS_OUT, { recursive: true, force: true });
    await mkdir(SPECS_OUT, { recursive: true });
    const manifest = listApis().map(({ name, title, version, json }) => ({ name, title, version, json }));
    for (const { name, json } of manifest) await copyFile(specPath(name, 'json'), join(SPECS_OUT, json));
    await writeFile(join(SPECS_OUT, 'apis.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // The bin must stay executable even when npm linked it before the first build.
    await chmod('dist/cli.js', 0o755);
  },
});
