// Shared tsup settings for the published runtime packages (client-core and the clients): ESM + CJS
// with declarations for both, runtime-neutral output (no Node built-ins), ES2022, tree-shaken.
import { defineConfig, type Options } from 'tsup';

export function libraryConfig(entry: string[]): ReturnType<typeof defineConfig> {
  const options: Options = {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  };
  return defineConfig(options);
}
