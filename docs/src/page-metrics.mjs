// @ts-check
// Weight and speed of the reference pages in Chromium, shared by the browser test (which checks that
// the renderer really is cached across pages) and by `npm run bench` (bench/src/docs-pages.mjs, which
// reports the figures against the goals). Transfer is counted as a gzip-compressing server would send
// it: each response's body gzipped (level 9), 0 for a 304 revalidation; headers are not counted.
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
        const body = status === 304 || status >= 300 ? Buffer.alloc(0) : await response.body().catch(() => Buffer.alloc(0));
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
 * further visit with the site's assets cached (after another reference page), and the time until the
 * first operation's summary is visible (median of `runs`, renderer cached).
 * @param {{ browser: import('playwright-core').Browser, siteUrl: string, apis: { name: string, firstSelector: string, firstSummary: string }[], runs?: number }} options
 */
export async function measureReferencePages({ browser, siteUrl, apis, runs = 5 }) {
  const results = [];
  for (const [i, api] of apis.entries()) {
    const url = new URL(`${api.name}/index.html`, siteUrl).href;
    const other = apis[(i + 1) % apis.length] ?? api;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      const firstVisit = await loadAndWeigh(page, url);
      await loadAndWeigh(page, new URL(`${other.name}/index.html`, siteUrl).href);
      const furtherVisit = await loadAndWeigh(page, url);
      const times = [];
      for (let run = 0; run < runs; run++) times.push(await timeToText(page, url, api.firstSelector, api.firstSummary));
      results.push({
        name: api.name,
        firstVisitGzipBytes: firstVisit.gzipBytes,
        furtherVisitGzipBytes: furtherVisit.gzipBytes,
        furtherVisit: furtherVisit.resources,
        firstOperationSinceLoadMs: median(times.map((t) => t.sinceLoadMs)),
        firstOperationSinceNavigationMs: median(times.map((t) => t.sinceNavigationMs)),
        runs,
      });
    } finally {
      await context.close();
    }
  }
  return results;
}
