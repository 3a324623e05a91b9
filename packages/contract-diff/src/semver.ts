// The version rule of docs/compatibility-policy.md: `info.version` is semver; a breaking change
// needs a new major, an additive change a new minor, anything else a new patch.
import type { Change } from './classify.ts';

export type Bump = 'major' | 'minor' | 'patch';
export interface Version {
  major: number;
  minor: number;
  patch: number;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function parseVersion(text: unknown, what = 'info.version'): Version {
  const match = typeof text === 'string' ? SEMVER.exec(text) : null;
  if (!match)
    throw new TypeError(`${what} must be a semantic version MAJOR.MINOR.PATCH (for example 1.2.0), got ${JSON.stringify(text)}`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** How far `to` moved from `from`; undefined when it did not move forward. */
export function bumpBetween(from: Version, to: Version): Bump | undefined {
  if (compareVersions(to, from) <= 0) return undefined;
  if (to.major > from.major) return 'major';
  if (to.minor > from.minor) return 'minor';
  return 'patch';
}

/** The smallest bump the changes require; undefined when nothing partner-visible changed. */
export function requiredBump(changes: readonly Change[]): Bump | undefined {
  if (changes.some((c) => c.severity === 'breaking')) return 'major';
  if (changes.some((c) => c.severity === 'non-breaking' || c.severity === 'deprecated')) return 'minor';
  if (changes.some((c) => !isVersionChange(c))) return 'patch';
  return undefined;
}

export function isVersionChange(change: Change): boolean {
  return change.pointer === '/info/version';
}

const ORDER: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };
export function bumpCovers(actual: Bump | undefined, required: Bump): boolean {
  return actual !== undefined && ORDER[actual] >= ORDER[required];
}

/** The version a release should carry after `from`, for a given bump. */
export function nextVersion(from: Version, bump: Bump): string {
  if (bump === 'major') return `${from.major + 1}.0.0`;
  if (bump === 'minor') return `${from.major}.${from.minor + 1}.0`;
  return `${from.major}.${from.minor}.${from.patch + 1}`;
}

export function formatVersion(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}
