#!/usr/bin/env node
// Command line of @mailapis/contract-diff.
//   check   [--api <name>]…                         compare every API with its released baseline (npm run contract:diff)
//   release [--api <name>]… [--date YYYY-MM-DD] [--dry-run]   cut a release (npm run release)
import { realpathSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApis, loadSpec } from '@mailapis/specs';
import { type ContractPaths, defaultPaths, readBaseline } from './baseline.ts';
import { type ApiReport, checkApi, formatViolation } from './check.ts';
import type { Change } from './classify.ts';
import { releaseApi } from './release.ts';
import { isVersionChange } from './semver.ts';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Loads the current bundled document of an API; defaults to @mailapis/specs. */
  loadCurrent?: (api: string) => Record<string, any>;
  apis?: () => string[];
  paths?: ContractPaths;
}

const USAGE = `usage: contract-diff check [--api <name>]...
       contract-diff release [--api <name>]... [--date YYYY-MM-DD] [--dry-run]`;

interface Args {
  command: string;
  apis: string[];
  date?: string;
  dryRun: boolean;
}

export function parseArgs(argv: readonly string[]): Args {
  const [command = '', ...rest] = argv;
  const args: Args = { command, apis: [], dryRun: false };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag === '--api' || flag === '--date') {
      const value = rest[++i];
      if (!value || value.startsWith('--')) throw new TypeError(`${flag} needs a value`);
      if (flag === '--api') args.apis.push(value);
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new TypeError(`--date must be YYYY-MM-DD, got ${value}`);
      else args.date = value;
    } else if (flag === '--dry-run') args.dryRun = true;
    else throw new TypeError(`unknown option ${flag}`);
  }
  if (command !== 'check' && command !== 'release') throw new TypeError(`unknown command "${command}"`);
  return args;
}

function count(changes: Change[], severity: Change['severity']): number {
  return changes.filter((c) => c.severity === severity).length;
}

function summarize(report: ApiReport): string[] {
  if (report.baselineVersion === undefined)
    return [`${report.api} ${report.currentVersion}: no released baseline yet (new API); nothing to compare`];
  const c = report.changes.filter((change) => !isVersionChange(change));
  const head = `${report.api} ${report.currentVersion} (released ${report.baselineVersion}): ${
    c.length === 0
      ? 'no changes'
      : `${count(c, 'breaking')} breaking, ${count(c, 'non-breaking')} additive, ${count(c, 'deprecated')} deprecated, ${count(c, 'annotation')} documentation`
  }; type-level check: ${report.typeAssertions} assertions, ${report.typeFindings.length} failing`;
  const lines = [head];
  for (const change of c) {
    const mark = { breaking: '!', 'non-breaking': '+', deprecated: '~', annotation: ' ' }[change.severity];
    const op = change.operation
      ? `${change.operation.operationId ?? `${change.operation.method} ${change.operation.path}`}: `
      : '';
    lines.push(`  ${mark} ${change.severity.padEnd(12)} ${change.rule.padEnd(34)} ${op}${change.message}`);
  }
  if (report.approvedByMajorBump)
    lines.push(`  breaking changes approved by the major version bump ${report.baselineVersion} → ${report.currentVersion}`);
  if (report.requiredBump && report.actualBump !== report.requiredBump && report.violations.length === 0) {
    lines.push(
      `  note: releasing these changes needs a ${report.requiredBump} bump of info.version (checked by npm run release)`,
    );
  }
  return lines;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.err(`contract-diff: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const paths = io.paths ?? defaultPaths;
  const known = io.apis ? io.apis() : listApis().map((a) => a.name);
  const unknown = args.apis.filter((a) => !known.includes(a));
  if (unknown.length > 0) {
    io.err(`contract-diff: unknown API ${unknown.join(', ')}; known: ${known.join(', ')}`);
    return 2;
  }
  const selected = args.apis.length > 0 ? args.apis : known;
  const load = io.loadCurrent ?? loadSpec;
  let failed = false;

  if (args.command === 'check') {
    io.out(
      `contract:diff: comparing ${selected.length} API(s) with their released baselines in ${relative(process.cwd(), paths.baselineDir) || '.'}`,
    );
    for (const api of selected) {
      const baseline = readBaseline(paths, api);
      const report = await checkApi(api, baseline?.document, load(api), { date: args.date });
      for (const line of summarize(report)) io.out(line);
      if (report.violations.length > 0) {
        failed = true;
        io.err(`\n✖ ${api}: ${report.violations.length} contract violation(s) (docs/compatibility-policy.md):`);
        for (const v of report.violations) io.err(`  ${formatViolation(v).replaceAll('\n', '\n  ')}`);
      }
    }
    io.out(failed ? 'contract:diff failed' : 'contract:diff passed: no unapproved breaking change');
    return failed ? 1 : 0;
  }

  for (const api of selected) {
    const result = await releaseApi(api, load(api), paths, { date: args.date, dryRun: args.dryRun });
    if (result.status === 'refused') {
      failed = true;
      io.err(`✖ ${api} ${result.version}: release refused`);
      for (const reason of result.reasons) io.err(`  ${reason.replaceAll('\n', '\n  ')}`);
    } else if (result.status === 'unchanged') {
      io.out(`${api} ${result.version}: ${result.reasons.join('; ')}; nothing to release`);
    } else {
      io.out(`${api} ${result.version}: ${args.dryRun ? 'would release' : 'released'}`);
      for (const file of result.written) io.out(`  wrote ${relative(process.cwd(), file)}`);
      if (args.dryRun && result.entry) io.out(result.entry);
    }
  }
  return failed ? 1 : 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`contract-diff: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    },
  );
}
