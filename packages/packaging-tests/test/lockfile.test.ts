// The committed package-lock.json installs with `npm ci` on any OS: complete and in step with every package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLockfile, missingLockEntries } from './support/lockfile.ts';
import { repoRoot } from './support/workspace.ts';

const lockText = readFileSync(join(repoRoot, 'package-lock.json'), 'utf8');
const lock = JSON.parse(lockText);

describe('package-lock.json', () => {
  it('is what npm writes for the current package.json files, with every platform entry (npm install --package-lock-only changes nothing)', () => {
    expect(checkLockfile(repoRoot)).toEqual({ missing: [], stale: false });
  });

  it("lists every platform's build of the packages that ship native binaries", () => {
    const platforms = (prefix: string) =>
      Object.keys(lock.packages)
        .filter((key) => key.startsWith(`node_modules/${prefix}`))
        .map((key) => key.slice(`node_modules/${prefix}`.length));
    expect(platforms('@turbo/')).toEqual(
      expect.arrayContaining(['darwin-64', 'darwin-arm64', 'linux-64', 'linux-arm64', 'windows-64', 'windows-arm64']),
    );
    expect(platforms('@biomejs/cli-')).toEqual(
      expect.arrayContaining(['darwin-arm64', 'darwin-x64', 'linux-x64', 'linux-x64-musl', 'win32-x64', 'win32-arm64']),
    );
    expect(platforms('@rollup/rollup-')).toEqual(
      expect.arrayContaining(['darwin-arm64', 'darwin-x64', 'linux-x64-gnu', 'linux-x64-musl', 'win32-x64-msvc']),
    );
  });

  it('records the decision on every install script, so npm ci prints no unreviewed-script warning', () => {
    const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const withScripts = Object.entries(lock.packages as Record<string, { hasInstallScript?: boolean }>)
      .filter(([key, entry]) => key.includes('node_modules/') && entry.hasInstallScript)
      .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of new Set(withScripts)) expect(root.allowScripts, name).toHaveProperty([name]);
  });
});

describe('the lockfile guard bites', () => {
  it('fails a lockfile with one platform entry removed, naming the package that wanted it', () => {
    const planted = structuredClone(lock);
    delete planted.packages['node_modules/@turbo/darwin-arm64'];
    expect(missingLockEntries(planted)).toEqual(['@turbo/darwin-arm64 (wanted by node_modules/turbo)']);
    const verdict = checkLockfile(repoRoot, `${JSON.stringify(planted, null, 2)}\n`);
    expect(verdict.missing).toEqual(['@turbo/darwin-arm64 (wanted by node_modules/turbo)']);
    expect(verdict.stale).toBe(true);
  });

  it('fails a nested platform entry too (resolution walks up from the package that wants it)', () => {
    const planted = structuredClone(lock);
    const nested = Object.keys(planted.packages).find((key) =>
      /node_modules\/.+\/node_modules\/@esbuild\/darwin-arm64$/.test(key),
    );
    expect(nested).toBeDefined();
    delete planted.packages[nested!];
    expect(missingLockEntries(planted)).toEqual([
      `@esbuild/darwin-arm64 (wanted by ${nested!.replace(/\/node_modules\/@esbuild\/darwin-arm64$/, '')}/node_modules/esbuild)`,
    ]);
  });

  it('fails a lockfile out of step with a package.json (a dependency that is not locked)', () => {
    const planted = structuredClone(lock);
    planted.packages[''].devDependencies = { ...planted.packages[''].devDependencies, 'is-number': '7.0.0' };
    const verdict = checkLockfile(repoRoot, `${JSON.stringify(planted, null, 2)}\n`);
    expect(verdict.stale).toBe(true);
  });
});
