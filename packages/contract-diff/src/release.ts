// Cutting a release of one API: classify the diff against the baseline, refuse a breaking change
// without a major `info.version` (or any change without a bump), then write the changelog entry,
// a changeset for the API's types and client packages, and the new baseline.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ContractPaths, readBaseline, writeBaseline } from './baseline.ts';
import { addedOperations, isAddedOperation, prependEntry, renderEntry, renderInitialEntry } from './changelog.ts';
import { type ApiReport, checkApi, releaseBlockers, today } from './check.ts';
import type { Change } from './classify.ts';
import { isVersionChange } from './semver.ts';

export interface ReleaseOptions {
  date?: string;
  /** Classify and report, write nothing. */
  dryRun?: boolean;
}

export interface ReleaseResult {
  api: string;
  version: string;
  status: 'released' | 'refused' | 'unchanged';
  /** Why the release was refused or skipped. */
  reasons: string[];
  report?: ApiReport;
  /** Files written (absolute paths). */
  written: string[];
  entry?: string;
}

/**
 * Workspace package names published with an API's contract: its types and client
 * (`@mailapis/<api>-types`, `-client`), the mock server (`@mailapis/mock`) and the specs package
 * (`@mailapis/specs`, the specs folder itself), which both ship a copy of every bundled document,
 * so a contract change is a change of what they ship, with the same bump. Private packages are
 * never published and never listed.
 */
export function publishedPackages(paths: ContractPaths, api: string): string[] {
  const wanted = new Set(['@mailapis/mock', '@mailapis/specs', `@mailapis/${api}-types`, `@mailapis/${api}-client`]);
  const folders = existsSync(paths.packagesDir) ? readdirSync(paths.packagesDir).map((f) => join(paths.packagesDir, f)) : [];
  const found: string[] = [];
  for (const folder of [...folders, paths.changelogRoot]) {
    const file = join(folder, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    if (wanted.has(manifest.name) && manifest.private !== true) found.push(manifest.name);
  }
  return found.sort();
}

/** A Changesets file bumping the API's packages, with the partner-facing summary of the release. */
export function renderChangeset(packages: string[], report: ApiReport): string {
  const frontMatter = packages.map((name) => `"${name}": ${report.requiredBump}`).join('\n');
  const label: Partial<Record<Change['severity'], string>> = {
    breaking: 'Breaking',
    deprecated: 'Deprecated',
    'non-breaking': 'Added',
  };
  const changesOf = (severity: 'breaking' | 'deprecated' | 'non-breaking') =>
    report.changes
      .filter((c) => c.severity === severity && !isAddedOperation(c))
      .map(
        (c) =>
          `- **${label[severity]}**: ${c.operation?.operationId ? `\`${c.operation.operationId}\` ` : ''}${c.message}${c.sunset ? ` (sunset ${c.sunset})` : ''}.`,
      );
  const added = addedOperations(report.changes).map(
    (op) => `- **New operation**: \`${op.operationId}\` (${op.method} ${op.path})${op.summary ? `: ${op.summary}` : ''}.`,
  );
  const bullets = [...new Set([...changesOf('breaking'), ...changesOf('deprecated'), ...added, ...changesOf('non-breaking')])];
  const docs = report.changes.filter((c) => c.severity === 'annotation' && !isVersionChange(c)).length;
  if (docs > 0) bullets.push(`- ${docs} documentation change(s).`);
  const api = report.api;
  return `---\n${frontMatter}\n---\n\n${report.title} ${report.currentVersion}: contract changes since ${report.baselineVersion}, see specs/${api}/CHANGELOG.md.\n\n${bullets.join('\n')}\n`;
}

export async function releaseApi(
  api: string,
  current: Record<string, any>,
  paths: ContractPaths,
  options: ReleaseOptions = {},
): Promise<ReleaseResult> {
  const date = options.date ?? today();
  const baseline = readBaseline(paths, api);
  const version = String(current.info?.version);
  const title = String(current.info?.title ?? api);
  const changelogFile = join(paths.changelogRoot, api, 'CHANGELOG.md');
  const existing = existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : undefined;
  const written: string[] = [];

  if (!baseline) {
    const report = await checkApi(api, undefined, current, { date });
    if (report.violations.length > 0) {
      return { api, version, status: 'refused', reasons: releaseBlockers(report), report, written };
    }
    const entry = renderInitialEntry(current, date);
    const text = prependEntry(existing, api, title, version, entry);
    if (!options.dryRun) {
      mkdirSync(join(paths.changelogRoot, api), { recursive: true });
      writeFileSync(changelogFile, text);
      written.push(changelogFile, writeBaseline(paths, api, current, date));
    }
    return { api, version, status: 'released', reasons: [], report, written, entry };
  }

  const report = await checkApi(api, baseline.document, current, { date });
  if (report.requiredBump === undefined && report.violations.length === 0) {
    return { api, version, status: 'unchanged', reasons: [`nothing changed since ${baseline.version}`], report, written };
  }
  const blockers = releaseBlockers(report);
  if (blockers.length > 0) return { api, version, status: 'refused', reasons: blockers, report, written };

  const entry = renderEntry(report, date);
  const text = prependEntry(existing, api, title, version, entry);
  const packages = publishedPackages(paths, api);
  if (!options.dryRun) {
    mkdirSync(join(paths.changelogRoot, api), { recursive: true });
    writeFileSync(changelogFile, text);
    written.push(changelogFile);
    if (packages.length > 0) {
      mkdirSync(paths.changesetDir, { recursive: true });
      const changesetFile = join(paths.changesetDir, `${api}-${version.replaceAll('.', '-')}.md`);
      writeFileSync(changesetFile, renderChangeset(packages, report));
      written.push(changesetFile);
    }
    written.push(writeBaseline(paths, api, current, date));
  }
  return { api, version, status: 'released', reasons: [], report, written, entry };
}
