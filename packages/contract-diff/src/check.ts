// The contract check: compares an API's current bundle with its released baseline, structurally
// (api-smart-diff + our rules) and at the type level, and applies the policy of
// docs/compatibility-policy.md: a breaking change needs a new major `info.version`; a new
// deprecation needs an `x-sunset` date at least MINIMUM_NOTICE_DAYS away.
import type { Change } from './classify.ts';
import { classifyChanges } from './classify.ts';
import { type Bump, bumpBetween, bumpCovers, compareVersions, nextVersion, parseVersion, requiredBump } from './semver.ts';
import { checkTypeCompatibility, type TypeFinding } from './type-compat.ts';

/** Minimum time between announcing a deprecation (the release that adds it) and its sunset. */
export const MINIMUM_NOTICE_DAYS = 180;

export interface Violation {
  api: string;
  rule: string;
  /** JSON Pointer of the change in the dereferenced document, or the operation for type findings. */
  where: string;
  message: string;
  why: string;
  fix: string;
}

export interface ApiReport {
  api: string;
  title: string;
  baselineVersion?: string;
  currentVersion: string;
  changes: Change[];
  typeFindings: TypeFinding[];
  typeAssertions: number;
  /** Smallest bump the changes need; undefined when nothing changed. */
  requiredBump?: Bump;
  /** How far info.version moved from the baseline. */
  actualBump?: Bump;
  /** Breaking changes present and allowed by a major bump. */
  approvedByMajorBump: boolean;
  violations: Violation[];
}

export interface CheckOptions {
  /** Date used for the sunset-notice rule, YYYY-MM-DD; default today (UTC). */
  date?: string;
  /** Skip the type-level check (faster; the structural check still runs). */
  skipTypes?: boolean;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function where(change: Change): string {
  const op = change.operation
    ? `${change.operation.method} ${change.operation.path}${change.operation.operationId ? ` (${change.operation.operationId})` : ''}`
    : '';
  return [op, change.location, change.field ? `field \`${change.field}\`` : ''].filter(Boolean).join(', ');
}

/** Compares `current` with `baseline` (both bundled documents) for API `api`. */
export async function checkApi(
  api: string,
  baseline: Record<string, any> | undefined,
  current: Record<string, any>,
  options: CheckOptions = {},
): Promise<ApiReport> {
  const date = options.date ?? today();
  const violations: Violation[] = [];
  const currentVersionText = String(current.info?.version);
  const report: ApiReport = {
    api,
    title: String(current.info?.title ?? api),
    baselineVersion: baseline ? String(baseline.info?.version) : undefined,
    currentVersion: currentVersionText,
    changes: [],
    typeFindings: [],
    typeAssertions: 0,
    approvedByMajorBump: false,
    violations,
  };
  let currentVersion: ReturnType<typeof parseVersion>;
  try {
    currentVersion = parseVersion(current.info?.version, `${api}: info.version`);
  } catch (error) {
    violations.push({
      api,
      rule: 'version.semver',
      where: '/info/version',
      message: (error as Error).message,
      why: 'partners and the release tooling read info.version as a semantic version',
      fix: 'set info.version to MAJOR.MINOR.PATCH',
    });
    return report;
  }
  if (!baseline) return report; // a new API, never released: nothing to be compatible with yet

  const baselineVersion = parseVersion(baseline.info?.version, `${api}: baseline info.version`);
  report.changes = classifyChanges(baseline, current);
  if (!options.skipTypes) {
    const types = await checkTypeCompatibility(baseline, current, api);
    report.typeFindings = types.findings;
    report.typeAssertions = types.assertions;
  }
  const breaking = report.changes.filter((c) => c.severity === 'breaking');
  const anyBreaking = breaking.length > 0 || report.typeFindings.length > 0;
  report.requiredBump = anyBreaking ? 'major' : requiredBump(report.changes);
  report.actualBump = bumpBetween(baselineVersion, currentVersion);

  if (compareVersions(currentVersion, baselineVersion) < 0) {
    violations.push({
      api,
      rule: 'version.backwards',
      where: '/info/version',
      message: `info.version ${currentVersionText} is lower than the released ${baseline.info.version}`,
      why: 'versions only move forward; partners pin to released versions',
      fix: `set info.version to ${baseline.info.version} or later`,
    });
  }

  const majorBumped = report.actualBump === 'major';
  report.approvedByMajorBump = anyBreaking && majorBumped;
  if (anyBreaking && !majorBumped) {
    const fix = `keep the old behaviour (deprecate first: deprecated: true plus x-sunset), or bump info.version to ${nextVersion(baselineVersion, 'major')} and describe the migration`;
    for (const change of breaking) {
      violations.push({
        api,
        rule: change.rule,
        where: change.pointer,
        message: `${where(change) ? `${where(change)}: ` : ''}${change.message}`,
        why: change.why,
        fix,
      });
    }
    for (const finding of report.typeFindings) {
      const op = `${finding.operation.method} ${finding.operation.path} (${finding.operation.operationId})`;
      violations.push({
        api,
        rule: finding.rule,
        where: `${op}, ${finding.location}`,
        message: `${op}: ${finding.assertion} no longer compiles: ${finding.diagnostic.split('\n').slice(-1)[0]!.trim()}`,
        why:
          finding.rule === 'types.response-not-assignable'
            ? 'code that reads the old generated response type does not accept the new one'
            : 'requests written against the old generated types no longer compile',
        fix,
      });
    }
  }

  for (const change of report.changes) {
    if (change.severity !== 'deprecated' || change.action === 'remove' || change.after !== true) continue;
    const minimum = addDays(date, MINIMUM_NOTICE_DAYS);
    if (!change.sunset || !/^\d{4}-\d{2}-\d{2}$/.test(change.sunset)) {
      violations.push({
        api,
        rule: 'deprecation.sunset-required',
        where: change.pointer,
        message: `${where(change) ? `${where(change)}: ` : ''}${change.message} without an x-sunset date`,
        why: 'partners must learn when a deprecated element goes away',
        fix: `add x-sunset: ${minimum} (YYYY-MM-DD, at least ${MINIMUM_NOTICE_DAYS} days after the release) next to deprecated: true`,
      });
    } else if (change.sunset < minimum) {
      violations.push({
        api,
        rule: 'deprecation.notice-too-short',
        where: change.pointer,
        message: `${where(change) ? `${where(change)}: ` : ''}x-sunset ${change.sunset} is less than ${MINIMUM_NOTICE_DAYS} days after ${date}`,
        why: `the policy promises at least ${MINIMUM_NOTICE_DAYS} days of notice`,
        fix: `set x-sunset to ${minimum} or later`,
      });
    }
  }
  return report;
}

/** Whether a release of this report may be cut, and if not, why. */
export function releaseBlockers(report: ApiReport): string[] {
  const blockers = report.violations.map(formatViolation);
  if (report.baselineVersion === undefined) return blockers;
  if (report.requiredBump === undefined) return [...blockers, `${report.api}: nothing changed since ${report.baselineVersion}`];
  if (!bumpCovers(report.actualBump, report.requiredBump)) {
    const base = parseVersion(report.baselineVersion);
    blockers.push(
      `${report.api}: the changes since ${report.baselineVersion} need a ${report.requiredBump} version; info.version is ${report.currentVersion}. Set it to ${nextVersion(base, report.requiredBump)} (rule version.bump-required).`,
    );
  }
  return blockers;
}

export function formatViolation(v: Violation): string {
  return `${v.api}: [${v.rule}] ${v.message}\n    at ${v.where}\n    why: ${v.why}\n    fix: ${v.fix}`;
}
