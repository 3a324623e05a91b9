// Browser test: Debian's Chromium (driven by playwright-core, never a downloaded browser) opens the
// landing page over the local server with every other host unresolvable, follows the links to each
// API reference, and reads it as a person does (load, scroll, no click): each operation's summary,
// parameters, request-body fields, response statuses and samples are visible. Then the "Try it"
// console sends the example request of every operation to the mock (started with CORS for the docs
// origin) and sees the 200, and an invalid body and sees the API's own error naming the field. The
// renderer's code is downloaded once (a further page revalidates it with 304). No console error, no
// request to any host but 127.0.0.1. Screenshots go to test-artifacts/screenshots/.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type MockServer, startMock } from '@mailapis/mock';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref, jsonRequestBody, listOperations } from '../src/code-samples.mjs';
import { CHROMIUM_ARGS } from '../src/page-metrics.mjs';
import { startStaticServer } from '../src/server.mjs';
import { apis, artifactsDir, builtSite, distDir, docsDir } from './helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = join(artifactsDir, 'screenshots');
const TIMEOUT = 15_000;

let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let mock: MockServer;
let page: Page;
const requests: string[] = [];
/** Every response with the bytes of body that crossed the wire (0 for a 304 revalidation). */
const responses: Promise<{ url: string; bodyBytes: number }>[] = [];
const failedRequests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  builtSite();
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(screenshots, { recursive: true });
  server = await startStaticServer({ root: distDir });
  mock = await startMock({ port: 0, cors: { origins: [new URL(server.url).origin] } });
  // The network is cut (CHROMIUM_ARGS): no host but 127.0.0.1 resolves.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) =>
    responses.push(
      response
        .request()
        .sizes()
        .then((sizes) => ({ url: response.url(), bodyBytes: sizes.responseBodySize })),
    ),
  );
  page.on('requestfailed', (request) => failedRequests.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: uncaught ${error.message}`));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

async function expectVisible(text: string) {
  await page.getByText(text, { exact: true }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function shot(name: string, fullPage = false) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });
}

/**
 * Runs in the page: which of the texts are not visible inside the element `selector` (a text is visible
 * when an element whose whitespace-normalised text is exactly it, or contains it for `contains`, has a
 * non-empty box and is rendered: no display:none, visibility:hidden or content-visibility on the way up).
 */
function missingTexts({ selector, exact, contains }: { selector: string; exact: string[]; contains: string[] }) {
  const root = document.querySelector(selector);
  if (!root) return null;
  const shown = (el: Element) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && el.checkVisibility({ visibilityProperty: true });
  };
  const elements = [root, ...root.querySelectorAll('*')];
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  return [
    ...exact.filter((t) => !elements.some((el) => norm(el.textContent) === t && shown(el))),
    ...contains.filter((t) => !elements.some((el) => (el.textContent ?? '').includes(t) && shown(el))),
  ];
}

/**
 * Reads one operation as a person does: scrolls down (the wheel) until Redoc has rendered its section,
 * brings it into view and reads on until every text is visible. No click, nothing expanded.
 */
async function readOperation(operationId: string, exact: string[], contains: string[]) {
  // Redoc 3's element of one operation: its id is "<tag>/<operationid>".
  const selector = `[id$="/${operationId.toLowerCase()}"]`;
  const deadline = Date.now() + TIMEOUT;
  let broughtIntoView = false;
  for (;;) {
    const missing = await page.evaluate(missingTexts, { selector, exact, contains });
    if (missing && !broughtIntoView) {
      await page.locator(selector).first().scrollIntoViewIfNeeded();
      broughtIntoView = true;
      continue;
    }
    if (missing?.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`${operationId}: not visible without a click: ${missing ? missing.join(', ') : 'its whole section'}`);
    }
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(25);
  }
}

/**
 * Every route (the part of a `#/…` link before a second `#`) must render something other than Redoc's
 * not-found page, and every in-page anchor (after the second `#`) must be an element of the page. Each
 * route is reached from a route known not to exist, so that the not-found page has to go away.
 */
async function checkRoutes(label: string) {
  const links = await page.evaluate(() => [
    ...new Set([...document.querySelectorAll('a[href^="#/"]')].map((a) => a.getAttribute('href') ?? '')),
  ]);
  const routes = [...new Set(links.map((href) => href.split('#').slice(0, 2).join('#')))];
  expect(routes.length, label).toBeGreaterThan(2);
  const anchors = [...new Set(links.map((href) => href.split('#')[2]).filter((a): a is string => !!a))];
  const missingAnchors = await page.evaluate(
    (ids) => ids.filter((id) => !document.getElementById(decodeURIComponent(id)) && !document.getElementById(id)),
    anchors,
  );
  expect(missingAnchors, `${label}: anchors without an element`).toEqual([]);
  const notFound = page.locator('.not-found-page');
  for (const route of routes) {
    await page.evaluate(() => {
      location.hash = '#/no-such-route-in-this-document';
    });
    await notFound.first().waitFor({ state: 'attached' });
    await page.evaluate((r) => {
      location.hash = r;
    }, route);
    await expect.poll(() => notFound.count(), { message: `${label}: route ${route}`, timeout: TIMEOUT }).toBe(0);
  }
  return { routes: routes.length, anchors: anchors.length };
}

describe('docs site in Chromium with the network cut', () => {
  it('landing page: every API with its title, version and reference link', async () => {
    await page.goto(new URL('index.html', server.url).href, { waitUntil: 'load' });
    expect(await page.title()).toBe('mailapis partner API documentation');
    for (const { name, doc } of apis) {
      const section = page.locator(`section#${name}`);
      await section.getByRole('heading', { level: 2 }).filter({ hasText: doc.info.title }).waitFor();
      expect(await section.locator('.version').first().textContent()).toBe(`v${doc.info.version}`);
      expect(await section.locator(`a[href="${name}/index.html"]`).count()).toBeGreaterThan(0);
    }
    await shot('landing', true);
  });

  describe.each(apis)('$name reference', ({ name, doc }) => {
    const referenceUrl = () => new URL(`${name}/index.html`, server.url).href;

    it('is reached from the landing page, shows every operation of the bundle without a click, and every route exists', async () => {
      await page.goto(new URL('index.html', server.url).href, { waitUntil: 'load' });
      await page.locator(`section#${name} a.button.primary[href="${name}/index.html"]`).click();
      await page.waitForURL(`${referenceUrl()}#/**`);
      expect(await page.title()).toBe(`${doc.info.title} v${doc.info.version} — API reference · mailapis`);
      await expectVisible(`${doc.info.title} (${doc.info.version})`);
      await shot(`${name}-overview`);

      // No click from here on: the page opens on the operations; reading means scrolling to each.
      for (const op of listOperations(doc)) {
        const body = jsonRequestBody(doc, op.operation);
        const fields = Object.keys(deref(doc, body?.schema ?? {}).properties ?? {});
        if (body) expect(fields.length).toBeGreaterThan(0);
        await readOperation(
          op.operationId,
          [
            op.operation.summary,
            ...op.parameters.filter((p) => p.in === 'path' || p.in === 'query').map((p) => p.name),
            ...fields,
            ...Object.keys(op.operation.responses),
          ],
          // The TypeScript sample (type-checked at build time) is the one shown; curl is the other language.
          [`client.${op.operationId}(`],
        );
        await shot(`${name}-${op.operationId}`);
      }
      const { routes } = await checkRoutes(name);
      expect(routes).toBeGreaterThanOrEqual(listOperations(doc).length + 2);
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    }, 60_000);

    it("sends every operation's example request to the mock and shows the 200, then the API's error for an invalid body", async () => {
      if (!page.url().startsWith(referenceUrl())) await page.goto(referenceUrl(), { waitUntil: 'load' });
      await page.locator('#try-it-toggle').click();
      const panel = page.locator('#try-it');
      await panel.waitFor({ state: 'visible' });
      await panel.locator('input[name="server"]').fill(mock.url.replace(/\/$/, ''));
      await panel.locator('input[name="credential"]').fill('docs-browser-test-credential');
      const operations = listOperations(doc);
      for (const [index, op] of operations.entries()) {
        await panel.locator('select[name="operation"]').selectOption(String(index));
        await panel.locator('button.try-it-send').click();
        await expect.poll(() => panel.locator('.try-it-status').getAttribute('data-status'), { timeout: TIMEOUT }).toBe('200');
        const shown = JSON.parse((await panel.locator('.try-it-response').textContent()) ?? '');
        const media = deref(doc, deref(doc, op.operation.responses['200']).content['application/json']);
        const example = media.example ?? deref(doc, Object.values(media.examples ?? {})[0]).value;
        expect(shown).toEqual(example);
        await panel.locator('.try-it-status').evaluate((el) => el.removeAttribute('data-status'));
      }
      // An invalid body: the first body field that has a type, given a value of another type.
      const withBody = operations.findIndex((op) => jsonRequestBody(doc, op.operation));
      const op = operations[withBody]!;
      const body = jsonRequestBody(doc, op.operation)!;
      const [field, schema] = Object.entries(deref(doc, body.schema).properties as Record<string, any>).find(
        ([, s]) => typeof deref(doc, s).type === 'string',
      )!;
      const wrong = deref(doc, schema).type === 'string' ? 12345 : 'not-the-declared-type';
      await panel.locator('select[name="operation"]').selectOption(String(withBody));
      await panel.locator('textarea[name="body"]').fill(JSON.stringify({ ...(body.example as object), [field]: wrong }));
      const errorsBefore = consoleErrors.length;
      await panel.locator('button.try-it-send').click();
      const errorStatus = Object.keys(op.operation.responses).find((s) => s === '400' || s === '422')!;
      await expect
        .poll(() => panel.locator('.try-it-status').getAttribute('data-status'), { timeout: TIMEOUT })
        .toBe(errorStatus);
      expect(await panel.locator('.try-it-response').textContent()).toContain(field);
      // Chromium logs the deliberate error response as "Failed to load resource": that one is expected.
      const logged = consoleErrors.splice(errorsBefore);
      expect(logged.filter((m) => !m.includes(`status of ${errorStatus}`))).toEqual([]);
      await shot(`${name}-try-it`, false);
      // The credential reached the mock only as the scheme's header, and nothing was stored.
      const stored = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]));
      expect(stored).not.toContain('docs-browser-test-credential');
      // The mock received it in the security scheme's header (it records such headers redacted).
      const sent = mock.requests.filter((r) => r.api === name && Object.values(r.headers).includes('[REDACTED]'));
      expect(sent.length).toBe(operations.length + 1);
    }, 60_000);

    it('links to its changelog', async () => {
      if (!page.url().startsWith(referenceUrl())) await page.goto(referenceUrl(), { waitUntil: 'load' });
      await page.locator('header.brand-bar a[href="changelog.html"]').click();
      await page.waitForURL(new URL(`${name}/changelog.html`, server.url).href);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: doc.info.title }).waitFor();
      await shot(`${name}-changelog`, true);
    });
  });

  it.runIf(existsSync(join(docsDir, 'compatibility-policy.md')))(
    'compatibility policy page is linked from the landing page',
    async () => {
      await page.goto(new URL('index.html', server.url).href, { waitUntil: 'load' });
      await page.locator('a[href="compatibility-policy.html"]').first().click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shot('compatibility-policy', true);
    },
  );

  it("Redoc's code and the shared styles are downloaded once; every further reference page revalidates them (304)", async () => {
    const settled = await Promise.all(responses);
    for (const asset of ['/assets/redoc.standalone.js', '/assets/reference-ssr.css']) {
      const size = statSync(join(distDir, asset)).size;
      const bodies = settled.filter((r) => new URL(r.url).pathname === asset).map((r) => r.bodyBytes);
      // Loaded by both reference pages: the first time whole, then only revalidated (no body).
      expect(bodies.length, asset).toBeGreaterThanOrEqual(apis.length);
      expect(bodies, asset).toEqual([size, ...bodies.slice(1).map(() => 0)]);
    }
  });

  it('made no request to any host but the local server, and no console error', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter(
      (url) =>
        !url.startsWith(`${origin}/`) &&
        !url.startsWith(`blob:${origin}/`) &&
        !url.startsWith('data:') &&
        !url.startsWith(mock.url),
    );
    expect(requests.some((url) => url.startsWith(mock.url))).toBe(true);
    expect(foreign).toEqual([]);
    // Redoc's blob: workers are cancelled when a test navigates away; a local file must never fail.
    expect(
      failedRequests.filter((entry) => !entry.startsWith('blob:')),
      failedRequests.join('\n'),
    ).toEqual([]);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });
});
