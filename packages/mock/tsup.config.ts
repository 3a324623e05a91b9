import { chmod } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // The bin must stay executable even when npm linked it before the first build.
  onSuccess: async () => {
    await chmod('dist/cli.js', 0o755);
  },
});
