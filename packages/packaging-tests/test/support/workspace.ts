// Which packages are under test, where they live, and how to run npm for them.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const packageDir = fileURLToPath(new URL('../..', import.meta.url));
export const repoRoot = join(packageDir, '..', '..');

export interface PublicPackage {
  name: string;
  /** Absolute path of the workspace folder. */
  dir: string;
  manifest: Record<string, any>;
}

/**
 * The packages under test are this package's `@mailapis/*` devDependencies (so turbo builds them
 * first); each must be publishable, i.e. not `private`.
 */
export function publicPackages(): PublicPackage[] {
  const own = require('../../package.json') as { devDependencies: Record<string, string> };
  return Object.keys(own.devDependencies)
    .filter((name) => name.startsWith('@mailapis/'))
    .sort()
    .map((name) => {
      const dir = realpathSync(dirname(require.resolve(`${name}/package.json`)));
      const manifest = require(join(dir, 'package.json')) as Record<string, any>;
      if (manifest.private) throw new Error(`${name} is private and cannot be published`);
      return { name, dir, manifest };
    });
}

/**
 * The environment for a child npm: without the npm_* variables of the `npm run` this test runs
 * under (npm_config_local_prefix would point a nested `npm install` at the monorepo root).
 */
export function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Entry points of an `exports` map that are data files rather than modules (e.g. `./openapi.yaml`). */
export function dataEntryPoints(manifest: Record<string, any>): string[] {
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'string' && /\.ya?ml$/.test(target))
    .map(([entry]) => entry);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Package name → absolute path of its `npm pack` tarball. */
    tarballs: Record<string, string>;
  }
}
