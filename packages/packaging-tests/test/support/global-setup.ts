// Packs every public package once, into a temporary folder that is removed after the run.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { childEnv, publicPackages, repoRoot } from './workspace.ts';

const run = promisify(execFile);

export default async function setup(project: TestProject) {
  const packages = publicPackages();
  for (const pkg of packages) {
    if (!existsSync(join(pkg.dir, 'dist'))) {
      throw new Error(`${pkg.name} has no dist/ folder: build it first (npx turbo run build --filter=${pkg.name})`);
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'mailapis-packs-'));
  const { stdout } = await run(
    'npm',
    [
      'pack',
      '--json',
      '--ignore-scripts',
      '--pack-destination',
      dir,
      ...packages.map((pkg) => `./${relative(repoRoot, pkg.dir)}`),
    ],
    { cwd: repoRoot, env: childEnv(), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const packed = JSON.parse(stdout) as { name: string; filename: string }[];
  project.provide('tarballs', Object.fromEntries(packed.map((p) => [p.name, join(dir, p.filename)])));
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
