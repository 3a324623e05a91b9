// Runs the whole benchmark harness with tiny N (the `smoke` profile: no pipeline copy) and checks the
// shape of what it writes. No timing assertions: only that every part ran and produced numbers.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../src/run.mjs';
import { specOperations } from '../src/spec-operations.mjs';

const out = mkdtempSync(join(tmpdir(), 'mailapis-bench-smoke-'));
let results: any;

beforeAll(async () => {
  await runBench({ smoke: true, out, log: () => {} });
  results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Which of our client packages serves each bundle. */
const ourClient: Record<string, string> = {
  'sendgrid-provisioning': '@mailapis/sendgrid-provisioning-client',
  'qboxmail-delivery': '@mailapis/qboxmail-delivery-client',
};
const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

describe('bench smoke run', () => {
  it('writes results.json and RESULTS.md with the environment', () => {
    expect(results.schemaVersion).toBe(1);
    expect(results.profile).toBe('smoke');
    expect(results.environment.node).toBe(process.version);
    expect(results.environment.cpuCount).toBeGreaterThan(0);
    const md = readFileSync(join(out, 'RESULTS.md'), 'utf8');
    expect(md).toContain('## Targets');
    expect(md).toContain(`Node ${process.version}`);
  });

  it('measured every contestant of every operation, in both modes', () => {
    const groups = results.perCall.groups;
    // Every operation of every bundle: the PUT, the GET and the list of each API.
    expect(groups.map((g: any) => g.group)).toEqual(specOperations().map((op) => op.operationId));
    expect(groups).toHaveLength(6);
    const expected: Record<string, string[]> = Object.fromEntries(
      groups.map((g: any) => [
        g.group,
        ['fetch', 'openapi-fetch', ...(g.api === 'sendgrid-provisioning' ? ['@sendgrid/client'] : []), ourClient[g.api]],
      ]),
    );
    for (const group of groups) {
      expect(group.modes.map((m: any) => [m.mode, m.inFlight])).toEqual([
        ['sequential', 1],
        ['16 in flight', 16],
      ]);
      for (const mode of group.modes) {
        expect(mode.contestants.map((c: any) => c.id)).toEqual(expected[group.group]);
        expect(mode.contestants[0].ratioToFetch).toBe(1);
        for (const c of mode.contestants) {
          expect(c.calls).toBe(mode.rounds * mode.callsPerRound);
          for (const key of ['medianUs', 'p25Us', 'p75Us', 'medianCpuUs', 'ratioToFetch', 'cpuRatioToFetch']) {
            expect(positive(c[key]), `${group.group} ${mode.mode} ${c.id} ${key}=${c[key]}`).toBe(true);
          }
        }
      }
    }
  });

  it('measured every bundle, recording @sendgrid/client for the browser as a failure', () => {
    const byKey = new Map(results.bundle.map((b: any) => [`${b.id}|${b.platform}`, b]));
    for (const [key, b] of byKey as Map<string, any>) {
      if (key === '@sendgrid/client|browser') {
        expect(b.ok).toBe(false);
        expect(b.error).toMatch(/Could not resolve/);
      } else {
        expect(b.ok, `${key}: ${b.error}`).toBe(true);
        expect(positive(b.minifiedBytes) && positive(b.gzipBytes) && positive(b.brotliBytes)).toBe(true);
      }
    }
    expect(byKey.has('@sendgrid/client|node')).toBe(true);
    // The cost of each added operation, from the client's table cut to 1 … N operations.
    for (const cost of results.bundleOperationCost) {
      expect(cost.sizes.map((s: any) => s.operations)).toEqual(Array.from({ length: cost.operations }, (_, i) => i + 1));
      expect(cost.operations).toBe(3);
      expect(cost.sizes.at(-1).gzipBytes).toBeGreaterThan(cost.sizes[0].gzipBytes);
      expect(positive(cost.perOperationGzipBytes)).toBe(true);
    }
    expect(results.bundleOperationCost.map((c: any) => c.id).sort()).toEqual(Object.values(ourClient).sort());
  });

  it('ran every scale step at each size and fitted the growth', () => {
    expect(results.scale.results.map((r: any) => r.operations)).toEqual([2, 4]);
    for (const r of results.scale.results) {
      for (const step of ['lint', 'bundle', 'generate', 'table', 'docs', 'typecheck', 'usage', 'client']) {
        expect(positive(r.steps[step].seconds), `${r.operations} ${step}`).toBe(true);
      }
      expect(positive(r.bundleBytes) && positive(r.typesBytes) && positive(r.tableBytes)).toBe(true);
    }
    expect(Object.keys(results.scale.growth)).toEqual([
      'total',
      'lint',
      'bundle',
      'generate',
      'table',
      'docs',
      'typecheck',
      'usage',
      'client',
      'peakRssMb',
      'tablePeakRssMb',
      'clientPeakRssMb',
    ]);
  });

  it('measured every reference page of the docs site in Chromium: first visit, further page, first operation', () => {
    const apis = [...new Set(specOperations().map((op) => op.api))];
    expect(results.docsPages.runs).toBe(1);
    expect(results.docsPages.goals).toEqual({ furtherPageGzipBytes: 60_000, firstOperationMs: 1000 });
    expect(results.docsPages.pages.map((p: any) => p.name)).toEqual(apis);
    for (const p of results.docsPages.pages) {
      // The first visit carries Redoc's code; a further page only its own HTML (the renderer is revalidated).
      expect(p.firstVisitGzipBytes, p.name).toBeGreaterThan(p.furtherVisitGzipBytes);
      expect(positive(p.furtherVisitGzipBytes) && positive(p.firstOperationSinceNavigationMs), p.name).toBe(true);
      const renderer = p.furtherVisit.find((r: any) => new URL(r.url).pathname === '/assets/redoc.standalone.js');
      expect(renderer?.gzipBytes, p.name).toBe(0);
      expect(specOperations().some((op) => op.api === p.name && op.operationId === p.firstOperation)).toBe(true);
    }
    const md = readFileSync(join(out, 'RESULTS.md'), 'utf8');
    expect(md).toContain('## Docs pages: the API reference in Chromium');
  });

  it('skips the pipeline copy in the smoke profile', () => {
    expect(results.pipeline).toBeUndefined();
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  });
});
