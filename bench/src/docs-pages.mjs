// Docs pages: weight and speed of the documentation site's API reference pages in Chromium (issue 14),
// measured by @mailapis/docs's own src/page-metrics.mjs on the built site (docs/dist) served over
// loopback: the transfer of a first visit to each reference page (empty cache), of a further reference
// page with the renderer cached by another one, and the time from the load event until the first
// operation's summary is visible (median of 5 loads; 1 in the smoke profile: see PROFILES in run.mjs).
//   node src/run.mjs --only docs --out /tmp/docsbench
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { listOperations } from '@mailapis/docs/src/code-samples.mjs';
import { CHROMIUM_ARGS, measureReferencePages, PAGE_GOALS } from '@mailapis/docs/src/page-metrics.mjs';
import { startStaticServer } from '@mailapis/docs/src/server.mjs';
import { listApis, loadSpec } from '@mailapis/specs';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const docsDist = join(dirname(require.resolve('@mailapis/docs/package.json')), 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The operation the reference page shows first: the first of its first tag, in document order (as Redoc lays it out). */
function firstOperation(doc) {
  const operations = listOperations(doc);
  const firstTag = doc.tags?.[0]?.name ?? operations[0]?.operation.tags?.[0];
  return operations.find((op) => op.operation.tags?.[0] === firstTag) ?? operations[0];
}

/** @param {{ runs?: number, log?: (message: string) => void }} [options] runs: timed loads per page (run.mjs's profiles: 5, smoke 1) */
export async function measureDocsPages({ runs = 5, log = () => {} } = {}) {
  if (!existsSync(join(docsDist, 'index.html'))) {
    throw new Error(`${docsDist} has no index.html: build the site first (npx turbo run build --filter=@mailapis/docs...)`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium or set CHROMIUM_PATH`);
  const apis = listApis().map(({ name }) => {
    const op = firstOperation(loadSpec(name));
    if (!op) throw new Error(`${name} has no operation`);
    return {
      name,
      operationId: op.operationId,
      firstSelector: `[id$="/${op.operationId.toLowerCase()}"]`,
      firstSummary: op.operation.summary,
    };
  });
  const server = await startStaticServer({ root: docsDist });
  // playwright-core gives the browser a fresh temporary profile; every page runs in a new context.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    log(`docs: ${apis.map((a) => a.name).join(', ')}, ${runs} timed load(s) each`);
    const pages = await measureReferencePages({ browser, siteUrl: server.url, apis, runs });
    return {
      chromium: browser.version(),
      runs,
      goals: { ...PAGE_GOALS },
      command: 'node src/run.mjs --only docs --out <dir>',
      pages: pages.map((p) => ({ ...p, firstOperation: apis.find((a) => a.name === p.name)?.operationId })),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const kB = (bytes) => (bytes / 1000).toFixed(1);
const ms = (value) => Math.round(value);

/** Target rows of the docs pages for the report's table. */
export function docsPagesTargets(docsPages) {
  const { goals } = docsPages;
  return docsPages.pages.flatMap((p) => [
    {
      target: `docs: a further reference page (\`${p.name}\`, renderer cached) ≤ ${kB(goals.furtherPageGzipBytes)} kB gzip`,
      measured: `${kB(p.furtherVisitGzipBytes)} kB gzip (first visit ${kB(p.firstVisitGzipBytes)} kB)`,
      holds: p.furtherVisitGzipBytes <= goals.furtherPageGzipBytes,
    },
    {
      target: `docs: \`${p.name}\` first operation's text visible ≤ ${ms(goals.firstOperationMs)} ms after load`,
      measured: `${ms(p.firstOperationSinceLoadMs)} ms after load, ${ms(p.firstOperationSinceNavigationMs)} ms after navigation start (median of ${p.runs})`,
      holds: p.firstOperationSinceLoadMs <= goals.firstOperationMs,
    },
  ]);
}

export function docsPagesSection(docsPages) {
  const out = [
    '## Docs pages: the API reference in Chromium',
    '',
    `Chromium ${docsPages.chromium} (headless, network cut but loopback) loading the built site (\`docs/dist\`) from ` +
      "@mailapis/docs's static server on 127.0.0.1, viewport 1440×900. Transfer is each response's body gzipped " +
      '(level 9) as a compressing server would send it, 0 for a revalidated copy (304); headers not counted. ' +
      '"First visit": an empty cache. "Further page": the page not seen before, after another reference page ' +
      "(Redoc's code and the shared styles cached, revalidated). Time: from the load event (and from navigation " +
      "start) until the first operation's summary is visible, renderer cached, median of " +
      `${docsPages.runs} load(s). Reproduce with \`${docsPages.command}\`.`,
    '',
    '| page | first operation | first visit kB gzip | further page kB gzip | goal | first operation after load ms | after navigation start ms | goal |',
    '|---|---|---:|---:|---|---:|---:|---|',
  ];
  const { goals } = docsPages;
  for (const p of docsPages.pages) {
    out.push(
      `| \`${p.name}/index.html\` | \`${p.firstOperation}\` | ${kB(p.firstVisitGzipBytes)} | ${kB(p.furtherVisitGzipBytes)} | ≤ ${kB(goals.furtherPageGzipBytes)}: ${p.furtherVisitGzipBytes <= goals.furtherPageGzipBytes ? 'holds' : '**not met**'} | ${ms(p.firstOperationSinceLoadMs)} | ${ms(p.firstOperationSinceNavigationMs)} | ≤ ${ms(goals.firstOperationMs)}: ${p.firstOperationSinceLoadMs <= goals.firstOperationMs ? 'holds' : '**not met**'} |`,
    );
  }
  out.push('');
  return out;
}
