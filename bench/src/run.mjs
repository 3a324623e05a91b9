#!/usr/bin/env node
// `npm run bench` entry point. Runs the four measurements and writes <out>/results.json and <out>/RESULTS.md.
//   node src/run.mjs                 full run (bench/results.json, bench/RESULTS.md)
//   node src/run.mjs --smoke         tiny N, no pipeline copy; writes to test-artifacts/smoke/ by default
//   --out <dir>                      where to write
//   --only percall,bundle,pipeline,scale,mockload,docs
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { measureBundles, measureOperationCost } from './bundle-size.mjs';
import { contestantsFor } from './contestants.mjs';
import { measureDocsPages } from './docs-pages.mjs';
import { environment } from './environment.mjs';
import { startLoopbackServer } from './loopback-server.mjs';
import { measureMockLoad } from './mock-load.mjs';
import { measureGroup } from './per-call.mjs';
import { measurePipeline } from './pipeline.mjs';
import { renderReport } from './report.mjs';
import { measureScale } from './scale.mjs';
import { specOperations } from './spec-operations.mjs';

const benchDir = new URL('..', import.meta.url).pathname;

export const PROFILES = {
  full: {
    perCall: { rounds: 40, callsPerRound: 150, warmupCalls: 1000 },
    scaleSizes: [50, 200, 800],
    pipeline: true,
    docsPages: { runs: 5 },
  },
  smoke: {
    perCall: { rounds: 2, callsPerRound: 10, warmupCalls: 5 },
    scaleSizes: [2, 4],
    pipeline: false,
    docsPages: { runs: 1 },
  },
};
/** Formats the generated Markdown with the repository's biome settings, so `biome check` accepts it as written. */
function formatMarkdown(file) {
  let biome;
  try {
    biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  } catch {
    return; // biome is a root devDependency; without it the report is still valid Markdown
  }
  try {
    execFileSync(process.execPath, [biome, 'format', '--write', file], { cwd: benchDir, stdio: 'ignore' });
  } catch {
    // outside the repository (e.g. --out /tmp/…) biome refuses the file; the report is still valid Markdown
  }
}

export const MODES = [
  { name: 'sequential', inFlight: 1 },
  { name: '16 in flight', inFlight: 16 },
];

/**
 * @param {object} options
 * @param {boolean} [options.smoke]   tiny N, no pipeline copy
 * @param {string} options.out        folder for results.json and RESULTS.md
 * @param {string[]} [options.only]   subset of percall, bundle, pipeline, scale, mockload, docs
 * @param {(message: string) => void} [options.log]
 */
export async function runBench({ smoke = false, out, only = undefined, log = (m) => console.log(m) }) {
  const profile = smoke ? PROFILES.smoke : PROFILES.full;
  const want = (part) => !only || only.includes(part);
  const started = performance.now();
  const results = {
    schemaVersion: 1,
    profile: smoke ? 'smoke' : 'full',
    environment: environment(),
    settings: { ...profile, modes: MODES },
  };

  if (want('percall')) {
    log('per-call: starting the loopback server');
    const server = await startLoopbackServer();
    try {
      results.perCall = { server: 'node:http in a child process on 127.0.0.1 (ephemeral port)', groups: [] };
      for (const op of specOperations()) {
        const contestants = contestantsFor(op);
        log(`per-call: ${op.operationId}: ${contestants.map((c) => c.id).join(', ')}`);
        const group = await measureGroup({
          group: op.operationId,
          contestants,
          baseUrl: server.baseUrl,
          expected: op.success.body,
          modes: MODES,
          ...profile.perCall,
        });
        group.api = op.api;
        group.operation = `${op.method} ${op.path}`;
        group.contestantDescriptions = Object.fromEntries(contestants.map((c) => [c.id, c.description]));
        results.perCall.groups.push(group);
      }
    } finally {
      await server.stop();
    }
  }
  if (want('bundle')) {
    log('bundle: measuring with esbuild');
    results.bundle = await measureBundles();
    results.bundleOperationCost = await measureOperationCost();
  }
  if (want('pipeline') && profile.pipeline) {
    results.pipeline = await measurePipeline({ log });
  }
  if (want('scale')) {
    log(`scale: sizes ${profile.scaleSizes.join(', ')}`);
    results.scale = await measureScale({ sizes: profile.scaleSizes, log });
  }
  if (want('mockload')) {
    results.mockLoad = await measureMockLoad({ smoke, log });
  }
  if (want('docs')) {
    results.docsPages = await measureDocsPages({ ...profile.docsPages, log });
  }
  results.environment.loadAverageAtEnd = environment().loadAverage;
  results.totalSeconds = Math.round((performance.now() - started) / 100) / 10;

  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(out, 'RESULTS.md'), renderReport(results));
  formatMarkdown(join(out, 'RESULTS.md'));
  log(`wrote ${join(out, 'results.json')} and ${join(out, 'RESULTS.md')} in ${results.totalSeconds}s`);
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: { smoke: { type: 'boolean', default: false }, out: { type: 'string' }, only: { type: 'string' } },
  });
  const out = resolve(values.out ?? (values.smoke ? join(benchDir, 'test-artifacts', 'smoke') : benchDir));
  await runBench({ smoke: values.smoke, out, only: values.only?.split(',') });
}
