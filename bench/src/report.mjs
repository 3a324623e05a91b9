// Renders results.json as RESULTS.md, including whether each target of the benchmark issue holds.
import { existsSync, readFileSync } from 'node:fs';
import { GZIP_BUDGET_BYTES } from './bundle-size.mjs';
import { docsPagesSection, docsPagesTargets } from './docs-pages.mjs';
import { mockLoadSection } from './mock-load.mjs';
import { EXTRA_STEPS, SCALE_STEPS } from './scale.mjs';

export const TARGETS = {
  ratioToFetch: 1.05,
  gzipBudgetBytes: GZIP_BUDGET_BYTES,
  benchSeconds: 600,
  /** "Close to linear": the marginal cost per operation of the last size step is at most this × the first. */
  marginalRatio: 1.5,
};

const analysisFile = new URL('../analysis.md', import.meta.url);
const ours = (id) => id.startsWith('@mailapis/');
const yes = (ok) => (ok ? '**yes**' : '**no**');
const kb = (bytes) => (bytes / 1000).toFixed(2);
const fmt = (n, d = 1) => (n === undefined || n === null ? '–' : Number(n).toFixed(d));

/** Evaluates every target; returns rows `{ target, measured, holds }`. */
export function evaluateTargets(results) {
  const rows = [];
  for (const group of results.perCall?.groups ?? []) {
    for (const mode of group.modes) {
      const vendor = mode.contestants.find((c) => c.id === '@sendgrid/client');
      for (const c of mode.contestants.filter((x) => ours(x.id))) {
        rows.push({
          target: `${c.id} \`${group.group}\`, ${mode.mode}: ≤ ${TARGETS.ratioToFetch}× raw fetch`,
          measured: `${fmt(c.ratioToFetch, 3)}× (${fmt(c.medianUs)} µs vs ${fmt(mode.contestants[0].medianUs)} µs)`,
          holds: c.ratioToFetch <= TARGETS.ratioToFetch,
        });
        if (vendor) {
          rows.push({
            target: `${c.id} \`${group.group}\`, ${mode.mode}: faster than @sendgrid/client`,
            measured: `${fmt(c.ratioToVendor, 3)}× @sendgrid/client's time (median per-round ratio; ${fmt(c.medianUs)} vs ${fmt(vendor.medianUs)} µs)`,
            holds: c.ratioToVendor < 1,
          });
        }
      }
    }
  }
  for (const b of (results.bundle ?? []).filter((x) => x.budgetBytes)) {
    rows.push({
      target: `${b.id} browser bundle ≤ ${kb(b.budgetBytes)} kB gzip`,
      measured: b.ok ? `${kb(b.gzipBytes)} kB gzip, ${kb(b.minifiedBytes)} kB minified` : `bundling failed: ${b.error}`,
      holds: b.ok && b.gzipBytes <= b.budgetBytes,
    });
  }
  if (results.scale?.growth && results.scale.results.length >= 3) {
    const g = results.scale.growth.total;
    rows.push({
      target: `scale: growth close to linear (marginal ms/op of the last size step ≤ ${TARGETS.marginalRatio}× the first)`,
      measured: `${g.marginalPerOperation.map((m) => `${fmt(m)} ms/op`).join(' → ')} (ratio ${fmt(g.marginalRatio, 2)}, linear fit R² ${g.r2})`,
      holds: g.marginalRatio !== undefined && g.marginalRatio <= TARGETS.marginalRatio,
    });
  }
  if (results.docsPages) rows.push(...docsPagesTargets(results.docsPages));
  if (results.profile === 'full') {
    rows.push({
      target: `\`npm run bench\` finishes in < ${TARGETS.benchSeconds / 60} minutes`,
      measured: `${fmt(results.totalSeconds / 60, 1)} min (${results.totalSeconds} s)`,
      holds: results.totalSeconds < TARGETS.benchSeconds,
    });
  }
  return rows;
}

function perCallSection(perCall) {
  const out = ['## 1. Per-call cost', ''];
  out.push(
    `Every contestant calls the same loopback server (${perCall.server}) in the same process run. Each round runs ` +
      "every contestant once, the order rotating by one each round; a contestant's number is the median over rounds of " +
      "its µs/call, and its ratio is the median over rounds of (its time ÷ raw fetch's time in the same round). " +
      '"CPU" is the client process\'s user+system CPU per call (the server runs in another process).',
    '',
  );
  for (const group of perCall.groups) {
    out.push(`### \`${group.group}\` (${group.operation})`, '');
    for (const mode of group.modes) {
      out.push(
        `**${mode.mode}** — ${mode.rounds} rounds × ${mode.callsPerRound} calls = ${mode.rounds * mode.callsPerRound} calls per contestant after ${mode.warmupCalls} warm-up calls`,
        '',
        '| Contestant | median µs/call | p25–p75 µs | CPU µs/call | ratio to raw fetch (p25–p75) | CPU ratio | ratio to @sendgrid/client |',
        '|---|---:|---:|---:|---:|---:|---:|',
      );
      for (const c of mode.contestants) {
        out.push(
          `| ${c.label} | ${fmt(c.medianUs)} | ${fmt(c.p25Us)}–${fmt(c.p75Us)} | ${fmt(c.medianCpuUs)} | ${fmt(c.ratioToFetch, 3)} (${fmt(c.ratioToFetchP25, 2)}–${fmt(c.ratioToFetchP75, 2)}) | ${fmt(c.cpuRatioToFetch, 3)} | ${fmt(c.ratioToVendor, 3)} |`,
        );
      }
      out.push('');
    }
    out.push('How each contestant calls:', '');
    for (const [id, description] of Object.entries(group.contestantDescriptions ?? {})) out.push(`- \`${id}\`: ${description}`);
    out.push('');
  }
  return out;
}

function operationCostSection(costs) {
  const out = [
    '### What each operation costs',
    '',
    "Each client's main entry bundled from its source (`src/index.ts`; esbuild, browser, minified, gzip 9) with its " +
      'generated operation table cut to the first k operations (request body schemas kept whole); the cost of an ' +
      'added operation is (size with all N − size with 1) ÷ (N − 1).',
    '',
    '| Client | operations in the table | gzip bytes (1 → N) | minified bytes (1 → N) | gzip bytes per added operation | minified bytes per added operation |',
    '|---|---:|---|---|---:|---:|',
  ];
  for (const c of costs) {
    out.push(
      `| ${c.id} | ${c.operations} | ${c.sizes.map((s) => s.gzipBytes).join(' → ')} | ${c.sizes.map((s) => s.minifiedBytes).join(' → ')} | ${fmt(c.perOperationGzipBytes, 0)} | ${fmt(c.perOperationMinifiedBytes, 0)} |`,
    );
  }
  out.push('');
  return out;
}

function bundleSection(bundle) {
  const out = [
    '## 2. Bundle size',
    '',
    'esbuild 0.28.2, `bundle`, `minify`, ESM, target es2022, entry `export * from <package>` (the whole public API; an app ' +
      'that imports one function ships less). gzip level 9 and brotli quality 11 via node:zlib. Budget: ' +
      `${kb(GZIP_BUDGET_BYTES)} kB gzip per client entry point with everything it imports, enforced by ` +
      '`test/bundle-size.test.ts`: the main entry (typed methods; they call `fetch` directly, so no openapi-fetch) and ' +
      '`./raw` (the typed openapi-fetch client, openapi-fetch included). "+ ./raw" is an app that imports both.',
    '',
    '| Bundle | platform | minified kB | gzip kB | brotli kB | budget |',
    '|---|---|---:|---:|---:|---|',
  ];
  for (const b of bundle) {
    if (!b.ok) {
      out.push(`| ${b.id} | ${b.platform} | cannot bundle | – | – | – |`);
      continue;
    }
    const budget = b.budgetBytes ? `${b.gzipBytes <= b.budgetBytes ? 'within' : '**over**'} ${kb(b.budgetBytes)} kB` : '';
    out.push(`| ${b.id} | ${b.platform} | ${kb(b.minifiedBytes)} | ${kb(b.gzipBytes)} | ${kb(b.brotliBytes)} | ${budget} |`);
  }
  const failures = bundle.filter((b) => !b.ok);
  if (failures.length > 0) {
    out.push('');
    for (const f of failures) out.push(`- ${f.id} for the ${f.platform}: esbuild fails — ${f.error}`);
  }
  out.push('');
  return out;
}

function pipelineSection(pipeline) {
  if (!pipeline) return ['## 3. Pipeline', '', 'Not measured in this run (the smoke profile skips it).', ''];
  const out = [
    '## 3. Pipeline',
    '',
    'Measured in a throwaway copy of the checkout (sources, `.git`, `node_modules`; no build outputs, no turbo cache), ' +
      'so that cold is the state right after `npm install`. Cold and warm are `npm run build` (turbo, all packages, ' +
      "parallel). Per stage: each package's own script run alone, one after another (turbo's parallel tasks on 2 " +
      'shared cores slow each other down, so their individual durations would overstate each stage).',
    '',
    '| Run | command | wall s | turbo tasks | cache hits | failed |',
    '|---|---|---:|---:|---:|---|',
  ];
  for (const [name, step] of [
    ['cold build', pipeline.coldBuild],
    ['warm build (fully cached)', pipeline.warmBuild],
  ]) {
    out.push(
      `| ${name} | \`${step.command}\` | ${fmt(step.seconds, 2)} | ${step.tasks.length} | ${step.cacheHits} | ${step.failed.length ? step.failed.join(', ') : 'none'} |`,
    );
  }
  out.push('', '| Stage | packages (script run alone) | seconds |', '|---|---|---:|');
  for (const stage of ['lint', 'bundle', 'generate', 'build', 'docs']) {
    const runs = pipeline.stages.runs.filter((r) => r.stage === stage);
    const s = pipeline.stages.byStage[stage];
    const list = runs.map((r) => `\`${r.package}\` ${fmt(r.seconds, 2)} s${r.exitCode === 0 ? '' : ' (**failed**)'}`);
    out.push(`| ${stage} | ${list.join(', ') || 'no such script yet'} | ${s ? fmt(s.seconds, 2) : '–'} |`);
  }
  out.push('');
  return out;
}

function scaleSection(scale) {
  const out = [
    '## 4. Scale',
    '',
    'Synthetic APIs built from our operations (operation i is a renamed copy of real operation i mod 6, with all of ' +
      "its own components; every operation authenticates with the first API's scheme, as one document has one), written " +
      'split like `specs/`, linted with our `redocly.yaml` rules. Steps: `redocly lint`, `redocly bundle`, ' +
      "`openapi-typescript` (generate), client-core's `generate-operation-table.mjs` (table: the operation table our " +
      'clients are built from), `redocly build-docs`, `tsc --noEmit` on the generated types (typecheck); "total" is their ' +
      'sum and "peak RSS" their largest. Beside them, not in the total: "usage", `tsc` on the generated types plus one typed ' +
      'openapi-fetch call per operation; "client", `tsc` on the generated types, the generated table and one call per ' +
      'operation through the client `createApiClient` builds from them (uniform call shape: path parameters, then the body ' +
      "or the query object): what a partner's app that calls every method of our client pays. Time is wall time of each " +
      "command; peak memory is GNU time's maximum RSS (`/usr/bin/time -f %M`: the largest single process of the command's tree).",
    '',
    `| operations | source files | bundle kB | types kB | table kB | ${SCALE_STEPS.map((s) => `${s} s`).join(' | ')} | total s | ms/op | peak RSS MB | ${EXTRA_STEPS.map((s) => `${s} s`).join(' | ')} | table / client peak RSS MB |`,
    `|---:|---:|---:|---:|---:|${SCALE_STEPS.map(() => '---:').join('|')}|---:|---:|---:|${EXTRA_STEPS.map(() => '---:').join('|')}|---:|`,
  ];
  for (const r of scale.results) {
    out.push(
      `| ${r.operations} | ${r.sourceFiles} | ${fmt(r.bundleBytes / 1000, 0)} | ${fmt(r.typesBytes / 1000, 0)} | ${fmt(r.tableBytes / 1000, 0)} | ${SCALE_STEPS.map((s) => fmt(r.steps[s].seconds, 2)).join(' | ')} | ${fmt(r.totalSeconds, 2)} | ${fmt((r.totalSeconds / r.operations) * 1000, 1)} | ${r.peakRssMb ?? '–'} | ${EXTRA_STEPS.map((s) => fmt(r.steps[s]?.seconds, 2)).join(' | ')} | ${r.steps.table?.peakRssMb ?? '–'} / ${r.steps.client?.peakRssMb ?? '–'} |`,
    );
  }
  out.push(
    '',
    'Growth (least-squares fit t = a + b·N; marginal = extra time per extra operation between consecutive sizes; ' +
      'linear growth means equal marginals, ratio ≈ 1; exponent = log-log slope between the smallest and largest size):',
    '',
    '| | fixed a | b per op | marginal per op | marginal ratio | exponent | R² |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const [name, g] of Object.entries(scale.growth)) {
    const memory = name.endsWith('RssMb');
    const unit = memory ? 'MB' : 'ms';
    const fixedUnit = memory ? 'MB' : 's';
    const label = { peakRssMb: 'peak RSS', tablePeakRssMb: 'table peak RSS', clientPeakRssMb: 'client peak RSS' }[name] ?? name;
    out.push(
      `| ${label} | ${fmt(g.intercept, 2)} ${fixedUnit} | ${fmt(g.perOperation, 2)} ${unit} | ${g.marginalPerOperation.map((m) => fmt(m, 2)).join(' → ')} ${unit} | ${fmt(g.marginalRatio, 2)} | ${fmt(g.exponent, 2)} | ${g.r2} |`,
    );
  }
  out.push('');
  return out;
}

export function renderReport(results) {
  const env = results.environment;
  // The load at the end includes the benchmark's own processes, so only the start tells whether others were busy.
  const busy = env.loadAverage[0] >= 0.5;
  const out = [
    '# Benchmark results',
    '',
    '<!-- Generated by `npm run bench` (bench/src/run.mjs, rendering bench/results.json). Do not edit by hand: rerun it. -->',
    '',
    `- **Date:** ${env.date}`,
    `- **Machine:** ${env.cpuModel}, ${env.cpuCount} cores, ${env.memoryGb} GB RAM, ${env.os}`,
    `- **Runtime:** Node ${env.node} (undici ${env.undici}, V8 ${env.v8})`,
    `- **Checkout:** ${env.commit ?? 'unknown'}${env.uncommittedChanges ? ' plus uncommitted changes' : ''}`,
    `- **Profile:** ${results.profile}; the whole run took ${results.totalSeconds} s`,
    `- **Load average (1/5/15 min):** ${env.loadAverage.join(' / ')} at start, ${env.loadAverageAtEnd?.join(' / ') ?? '–'} at end (the benchmark's own load included)` +
      (busy
        ? ' — the machine was otherwise busy (other jobs shared its cores), so absolute times are noisy; the interleaved ratios are the robust numbers.'
        : ' — the machine was otherwise idle when the run started.'),
    '',
    ...(results.profile === 'smoke'
      ? ['> **Smoke profile:** tiny N to check that the harness works; these numbers mean nothing. Run `npm run bench`.', '']
      : []),
    '## Targets',
    '',
    '| Target | Measured | Holds |',
    '|---|---|---|',
    ...evaluateTargets(results).map((r) => `| ${r.target} | ${r.measured} | ${yes(r.holds)} |`),
    '',
  ];
  if (results.perCall) out.push(...perCallSection(results.perCall));
  if (results.bundle) out.push(...bundleSection(results.bundle));
  if (results.bundleOperationCost) out.push(...operationCostSection(results.bundleOperationCost));
  if (results.profile === 'full' || results.pipeline) out.push(...pipelineSection(results.pipeline));
  if (results.scale) out.push(...scaleSection(results.scale));
  if (results.mockLoad) out.push(...mockLoadSection(results.mockLoad));
  if (results.docsPages) out.push(...docsPagesSection(results.docsPages));
  if (existsSync(analysisFile)) out.push(readFileSync(analysisFile, 'utf8').trim(), '');
  return `${out.join('\n')}\n`;
}
