// @ts-check
// Weight and speed of the reference pages in Chromium, measured for `npm run bench`
// (bench/src/docs-pages.mjs, which reports the figures against the goals); the browser test shares
// only the Chromium flags. Transfer is counted as a gzip-compressing server would send
// it: each response's body gzipped (level 9), 0 for a revalidation (a 304, or no body on the wire);
// headers are not counted.
import { gzipSync } from 'node:zlib';

/** Chromium flags of every browser run: Debian's chromium, headless, no network but 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** Goals of issue 14 for the reference pages. */
export const PAGE_GOALS = Object.freeze({ furtherPageGzipBytes: 60_000, firstOperationMs: 1000 });

/**
 * Loads `url` in `page` and sums what was transferred.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @returns {Promise<{ gzipBytes: number, rawBytes: number, resources: { url: string, status: number, gzipBytes: number }[] }>}
 */
export async function loadAndWeigh(page, url) {
  /** @type {Promise<{ url: string, status: number, gzipBytes: number, rawBytes: number }>[]} */
  const pending = [];
  /** @param {import('playwright-core').Response} response */
  const onResponse = (response) => {
    if (!response.url().startsWith('http')) return;
    pending.push(
      (async () => {
        const status = response.status();
        // A revalidated copy is sometimes reported with its cached status (200): no body crossed the wire.
        const wireBody = await response
          .request()
          .sizes()
          .then((s) => s.responseBodySize)
          .catch(() => 0);
        const revalidated = status === 304 || wireBody === 0;
        const body = revalidated || status >= 300 ? Buffer.alloc(0) : await response.body().catch(() => Buffer.alloc(0));
        return {
          url: response.url(),
          status,
          gzipBytes: body.length === 0 ? 0 : gzipSync(body, { level: 9 }).length,
          rawBytes: body.length,
        };
      })(),
    );
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', onResponse);
  }
  const resources = await Promise.all(pending);
  return {
    gzipBytes: resources.reduce((n, r) => n + r.gzipBytes, 0),
    rawBytes: resources.reduce((n, r) => n + r.rawBytes, 0),
    resources: resources.map(({ url: u, status, gzipBytes }) => ({ url: u, status, gzipBytes })),
  };
}

/**
 * Milliseconds from the load event until `text` is visible in `selector` (and from navigation start).
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {string} selector
 * @param {string} text
 */
export async function timeToText(page, url, selector, text) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    ([sel, t]) => {
      const el = document.querySelector(/** @type {string} */ (sel));
      // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees is the rendered text.
      return !!el && el instanceof HTMLElement && el.offsetParent !== null && el.innerText.includes(/** @type {string} */ (t));
    },
    [selector, text],
    { polling: 'raf', timeout: 15_000 },
  );
  return page.evaluate(() => {
    const now = performance.now();
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    return { sinceLoadMs: now - (nav?.loadEventEnd ?? 0), sinceNavigationMs: now };
  });
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The figures bench/RESULTS.md reports, for every reference page: the first visit (empty cache), a
 * further visit (the page itself not seen before, the site's assets cached by another reference page),
 * and the time until the first operation's summary is visible (median of `runs`, renderer cached).
 * Each context (a fresh cache) makes the first visit of one page, then the further visit of the next.
 * @param {{ browser: import('playwright-core').Browser, siteUrl: string, apis: { name: string, firstSelector: string, firstSummary: string }[], runs?: number }} options
 */
export async function measureReferencePages({ browser, siteUrl, apis, runs = 5 }) {
  const urlOf = (/** @type {{ name: string }} */ api) => new URL(`${api.name}/index.html`, siteUrl).href;
  /** @type {Map<string, Awaited<ReturnType<typeof loadAndWeigh>>>} */
  const firstVisits = new Map();
  /** @type {Map<string, Awaited<ReturnType<typeof loadAndWeigh>>>} */
  const furtherVisits = new Map();
  /** @type {Map<string, { sinceLoadMs: number, sinceNavigationMs: number }[]>} */
  const times = new Map();
  for (const [i, api] of apis.entries()) {
    const next = apis[(i + 1) % apis.length] ?? api;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      firstVisits.set(api.name, await loadAndWeigh(page, urlOf(api)));
      furtherVisits.set(next.name, await loadAndWeigh(page, urlOf(next)));
      const samples = [];
      for (let run = 0; run < runs; run++)
        samples.push(await timeToText(page, urlOf(next), next.firstSelector, next.firstSummary));
      times.set(next.name, samples);
    } finally {
      await context.close();
    }
  }
  return apis.map((api) => {
    const firstVisit = firstVisits.get(api.name);
    const furtherVisit = furtherVisits.get(api.name);
    const samples = times.get(api.name) ?? [];
    if (!firstVisit || !furtherVisit) throw new Error(`${api.name}: the page was not measured`);
    return {
      name: api.name,
      firstVisitGzipBytes: firstVisit.gzipBytes,
      furtherVisitGzipBytes: furtherVisit.gzipBytes,
      furtherVisit: furtherVisit.resources,
      firstOperationSinceLoadMs: median(samples.map((t) => t.sinceLoadMs)),
      firstOperationSinceNavigationMs: median(samples.map((t) => t.sinceNavigationMs)),
      runs,
    };
  });
}
