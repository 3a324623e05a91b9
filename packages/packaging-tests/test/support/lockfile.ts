// Checks that a package-lock.json lets `npm ci` install on any machine: it is in step with every
// package.json of the workspace, and it lists every platform's optional packages.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { childEnv } from './workspace.ts';

interface LockEntry {
  version?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

/** The manifests npm reads for a workspace install: the root one and one per workspace folder. */
export function workspaceManifests(root: string): string[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const folders = workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = join(root, pattern.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => posix.join(pattern.slice(0, -2), entry.name));
  });
  return ['package.json', ...folders.map((folder) => posix.join(folder, 'package.json'))].filter((file) =>
    existsSync(join(root, file)),
  );
}

/**
 * Every dependency and optional dependency a locked package declares, which node's resolution
 * (the package's own node_modules, then each parent's) cannot find among the lockfile's entries, or
 * finds at another version than the exact one it pins.
 * npm writes all platforms' optional packages (`@turbo/darwin-arm64`, `@rollup/rollup-win32-x64-msvc`…)
 * into the lockfile; one that is missing makes `npm ci` fail on that platform.
 */
export function missingLockEntries(lock: Lockfile): string[] {
  const missing: string[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (entry.link) continue;
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const [name, range] of Object.entries(wanted)) {
      const found = resolveInLock(lock, location, name);
      // Platform packages are pinned to an exact version: the nearest copy must be that version
      // (a workspace link carries its version in the workspace folder).
      const fits = found && (found.link || !/^\d+\.\d+\.\d+$/.test(range) || found.version === range);
      if (!fits) missing.push(`${name} (wanted by ${location || 'the root package'})`);
    }
  }
  return missing;
}

/** The entry node's resolution would load for `name` required from the package at `from`. */
function resolveInLock(lock: Lockfile, from: string, name: string): LockEntry | undefined {
  let dir = from;
  for (;;) {
    const entry = lock.packages[posix.join(dir, 'node_modules', name)];
    if (entry) return entry;
    if (dir === '') return undefined;
    // Step out to the package whose node_modules folder holds this one; a top-level package or a
    // workspace folder is held by the root.
    const index = dir.lastIndexOf('/node_modules/');
    dir = index >= 0 ? dir.slice(0, index) : '';
  }
}

export interface LockfileVerdict {
  /** Entries a package needs that the lockfile lacks (see missingLockEntries). */
  missing: string[];
  /** True when `npm install --package-lock-only` would rewrite the lockfile (out of step with a package.json). */
  stale: boolean;
  /** npm's output when it failed to run at all. */
  npmError?: string;
}

/**
 * Copies the workspace's manifests and lockfile into a temporary folder and asks npm to bring the
 * lockfile up to date there (`npm install --package-lock-only --ignore-scripts`, which changes
 * nothing on disk but the lockfile). A complete, current lockfile comes back byte for byte.
 */
export function checkLockfile(root: string, lockText = readFileSync(join(root, 'package-lock.json'), 'utf8')): LockfileVerdict {
  const missing = missingLockEntries(JSON.parse(lockText) as Lockfile);
  const scratch = mkdtempSync(join(tmpdir(), 'mailapis-lockfile-'));
  try {
    for (const file of workspaceManifests(root)) {
      mkdirSync(join(scratch, dirname(file)), { recursive: true });
      cpSync(join(root, file), join(scratch, file));
    }
    const npmrc = join(root, '.npmrc');
    if (existsSync(npmrc)) cpSync(npmrc, join(scratch, '.npmrc'));
    writeFileSync(join(scratch, 'package-lock.json'), lockText);
    const run = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: scratch,
      env: childEnv(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.status !== 0) return { missing, stale: true, npmError: `${run.stdout}${run.stderr}`.trim() || String(run.error) };
    const after = readFileSync(join(scratch, 'package-lock.json'), 'utf8');
    return { missing, stale: after !== lockText };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
