// Pipeline timing. Works on a throwaway copy of the repository (sources, .git and node_modules; without
// build outputs and without turbo's cache) so that "cold" really is cold and the working tree that other
// people use is never touched. In the copy:
//   1. cold build: `npm run build -- --summarize` (turbo, nothing cached: the state right after install)
//   2. warm build: the same command again (every task a cache hit)
//   3. stages:     each package's `build` script alone, one after another in turbo's order, then each
//                  package's `lint` script alone; a stage's time is the sum of its packages' times.
// Turbo's own run summary (.turbo/runs/*.json, per task start/end) is kept too, but on 2 shared cores its
// parallel tasks slow each other down, so per-stage numbers come from the serial runs.
// Stages: bundle = specs#build, generate = *-types#build, docs = docs#build, build = every other
// package's build, lint = every package's lint.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command.mjs';

export const repoRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

function workspaceDirs(root) {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dirs = [];
  for (const pattern of workspaces) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      for (const name of readdirSync(join(root, parent))) {
        if (statSync(join(root, parent, name)).isDirectory()) dirs.push(`${parent}/${name}`);
      }
    } else dirs.push(pattern);
  }
  return dirs;
}

/** Paths (relative to the root) that a cold checkout after `npm install` does not have. */
export function buildOutputPaths(root = repoRoot) {
  const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8'));
  const outputs = new Set(['.turbo', 'test-results', 'test-artifacts', 'node_modules/.cache']);
  for (const task of Object.values(turbo.tasks)) for (const o of task.outputs ?? []) outputs.add(o.replace(/\/\*\*$/, ''));
  const paths = ['.turbo', 'node_modules/.cache'];
  for (const dir of workspaceDirs(root)) for (const o of outputs) paths.push(`${dir}/${o}`);
  return paths;
}

export function stageOf(taskId) {
  const [pkg, task] = taskId.split('#');
  if (task === 'lint') return 'lint';
  if (task !== 'build') return 'other';
  if (pkg === '@mailapis/specs') return 'bundle';
  if (pkg.endsWith('-types')) return 'generate';
  if (pkg === '@mailapis/docs') return 'docs';
  return 'build';
}

function latestSummary(dir) {
  const runs = join(dir, '.turbo', 'runs');
  const files = readdirSync(runs)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ f, t: statSync(join(runs, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  return JSON.parse(readFileSync(join(runs, files[0].f), 'utf8'));
}

function summarise(summary) {
  const tasks = summary.tasks.map((t) => ({
    taskId: t.taskId,
    stage: stageOf(t.taskId),
    cache: t.cache?.status ?? 'UNKNOWN',
    exitCode: t.execution?.exitCode ?? null,
    seconds: t.execution ? Math.round((t.execution.endTime - t.execution.startTime) / 10) / 100 : 0,
    start: t.execution?.startTime,
    end: t.execution?.endTime,
  }));
  const stages = {};
  for (const t of tasks) {
    if (!stages[t.stage]) stages[t.stage] = { taskSeconds: 0, tasks: 0, start: Infinity, end: -Infinity };
    const s = stages[t.stage];
    s.taskSeconds = Math.round((s.taskSeconds + t.seconds) * 100) / 100;
    s.tasks++;
    if (t.start) s.start = Math.min(s.start, t.start);
    if (t.end) s.end = Math.max(s.end, t.end);
  }
  for (const s of Object.values(stages)) {
    s.wallSeconds = Number.isFinite(s.start) ? Math.round((s.end - s.start) / 10) / 100 : 0;
    delete s.start;
    delete s.end;
  }
  return {
    tasks: tasks.map(({ start, end, ...rest }) => rest),
    stages,
    cacheHits: tasks.filter((t) => t.cache === 'HIT').length,
    failed: tasks.filter((t) => t.exitCode !== 0 && t.exitCode !== null).map((t) => t.taskId),
  };
}

/** Workspace package name → folder (relative to the root). */
function packageDirs(root) {
  const map = new Map();
  for (const dir of workspaceDirs(root)) {
    try {
      map.set(JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name, dir);
    } catch {
      // a folder without package.json is not a workspace package
    }
  }
  return map;
}

/**
 * Runs one script of each package alone, one after another (in the order turbo started them, which respects
 * dependencies), so that a stage's time is its own cost rather than its share of two contended cores.
 */
async function serialScripts(copy, script, tasks, logFile) {
  const dirs = packageDirs(copy);
  const runs = [];
  for (const task of tasks) {
    const [pkg] = task.taskId.split('#');
    const dir = dirs.get(pkg);
    const scripts = dir ? (JSON.parse(readFileSync(join(copy, dir, 'package.json'), 'utf8')).scripts ?? {}) : {};
    if (!scripts[script]) continue;
    const run = await runCommand('npm', ['run', script], { cwd: join(copy, dir), log: logFile, timeoutMs: 300_000 });
    runs.push({
      package: pkg,
      stage: stageOf(task.taskId),
      exitCode: run.exitCode,
      seconds: run.seconds,
      peakRssMb: run.peakRssMb,
    });
  }
  const stages = {};
  for (const r of runs) {
    if (!stages[r.stage]) stages[r.stage] = { seconds: 0, packages: [] };
    stages[r.stage].seconds = Math.round((stages[r.stage].seconds + r.seconds) * 100) / 100;
    stages[r.stage].packages.push(r.package);
  }
  return { runs, stages, failed: runs.filter((r) => r.exitCode !== 0).map((r) => r.package) };
}

/**
 * @param {{ log: (msg: string) => void, keep?: boolean }} options
 * @returns {Promise<object>} turbo runs (coldBuild, warmBuild) and per-stage serial script runs (stages)
 */
export async function measurePipeline({ log, keep = false }) {
  const copy = mkdtempSync(join(tmpdir(), 'mailapis-bench-pipeline-'));
  const logFile = join(copy, '.bench-pipeline.log');
  try {
    const excludes = buildOutputPaths().map((p) => `--exclude=./${p}`);
    log(`pipeline: copying the repository (without build outputs or turbo cache) to ${copy}`);
    const copied = await runCommand(
      'bash',
      ['-c', `tar -C "$0" ${excludes.map((e) => `'${e}'`).join(' ')} -cf - . | tar -C "$1" -xf -`, repoRoot, copy],
      { cwd: copy, log: join(copy, '.bench-copy.log') },
    );
    if (copied.exitCode !== 0) throw new Error('copying the repository failed');
    const result = { copyOf: repoRoot };
    for (const name of ['coldBuild', 'warmBuild']) {
      log(`pipeline: ${name} (npm run build -- --summarize)`);
      const run = await runCommand('npm', ['run', 'build', '--', '--summarize', '--continue', '--output-logs=errors-only'], {
        cwd: copy,
        log: logFile,
        timeoutMs: 400_000,
      });
      result[name] = {
        command: 'npm run build',
        exitCode: run.exitCode,
        seconds: run.seconds,
        peakRssMb: run.peakRssMb,
        ...summarise(latestSummary(copy)),
      };
      log(`pipeline: ${name} ${run.seconds}s exit ${run.exitCode}`);
    }
    log('pipeline: each package build alone, then each package lint alone');
    const build = await serialScripts(copy, 'build', result.coldBuild.tasks, logFile);
    const lintTasks = [...packageDirs(copy).keys()].map((pkg) => ({ taskId: `${pkg}#lint` }));
    const lint = await serialScripts(copy, 'lint', lintTasks, logFile);
    result.stages = {
      runs: [...lint.runs, ...build.runs],
      byStage: { ...lint.stages, ...build.stages },
      failed: [...lint.failed, ...build.failed],
    };
    log(
      `pipeline: stages ${Object.entries(result.stages.byStage)
        .map(([k, v]) => `${k} ${v.seconds}s`)
        .join(', ')}`,
    );
    return result;
  } finally {
    if (!keep) rmSync(copy, { recursive: true, force: true });
  }
}
