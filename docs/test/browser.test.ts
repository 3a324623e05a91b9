// Browser test: Debian's Chromium (driven by playwright-core, never a downloaded browser) opens the
// landing page over the local server with every other host unresolvable, follows the links to each
// API reference, and checks that what the bundles document is visible: each operation's summary,
// path parameters, request-body fields and response statuses. No console error, no request to any
// host but the local server. Screenshots go to test-artifacts/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref, jsonRequestBody, listOperations } from '../src/code-samples.mjs';
import { startStaticServer } from '../src/server.mjs';
import { apis, artifactsDir, builtSite, distDir, docsDir } from './helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = join(artifactsDir, 'screenshots');
const TIMEOUT = 15_000;

let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const failedRequests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  builtSite();
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(screenshots, { recursive: true });
  server = await startStaticServer({ root: distDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The network is cut: no host but the local server resolves.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => failedRequests.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: uncaught ${error.message}`));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function expectVisible(text: string) {
  await page.getByText(text, { exact: true }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function shot(name: string, fullPage = true) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });
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
    await shot('landing');
  });

  describe.each(apis)('$name reference', ({ name, doc }) => {
    it('is reached from the landing page and renders every operation from the bundle', async () => {
      await page.goto(new URL('index.html', server.url).href, { waitUntil: 'load' });
      await page.locator(`section#${name} a.button.primary[href="${name}/index.html"]`).click();
      await page.waitForURL(new URL(`${name}/index.html`, server.url).href);
      expect(await page.title()).toBe(`${doc.info.title} v${doc.info.version} — API reference · mailapis`);
      await expectVisible(`${doc.info.title} (${doc.info.version})`);
      await shot(`${name}-overview`, false);

      for (const op of listOperations(doc)) {
        // Follow the reference's own link to the operation (its label shows the path).
        await page.locator('a[href^="#/"]').filter({ hasText: op.path }).first().click();
        await expectVisible(op.operation.summary);
        for (const param of op.parameters.filter((p) => p.in === 'path')) await expectVisible(param.name);
        const body = jsonRequestBody(doc, op.operation);
        const fields = Object.keys(deref(doc, body?.schema ?? {}).properties ?? {});
        if (body) expect(fields.length).toBeGreaterThan(0);
        for (const field of fields) await expectVisible(field);
        for (const status of Object.keys(op.operation.responses)) await expectVisible(status);
        await expectVisible('curl');
        await shot(`${name}-${op.operationId}`);
      }
    }, 60_000);

    it('every hash route the reference links to exists', async () => {
      const routes = await page.evaluate(() => [
        ...new Set([...document.querySelectorAll('a[href^="#/"]')].map((a) => a.getAttribute('href'))),
      ]);
      expect(routes.length).toBeGreaterThan(1);
      for (const route of routes) {
        await page.goto(new URL(`${name}/index.html${route}`, server.url).href, { waitUntil: 'load' });
        await page.locator('#redoc').waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.locator('.not-found-page').count(), `route ${route}`).toBe(0);
      }
    }, 60_000);

    it('links to its changelog', async () => {
      await page.goto(new URL(`${name}/index.html`, server.url).href, { waitUntil: 'load' });
      await page.locator('header.brand-bar a[href="changelog.html"]').click();
      await page.waitForURL(new URL(`${name}/changelog.html`, server.url).href);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: doc.info.title }).waitFor();
      await shot(`${name}-changelog`);
    });
  });

  it.runIf(existsSync(join(docsDir, 'compatibility-policy.md')))(
    'compatibility policy page is linked from the landing page',
    async () => {
      await page.goto(new URL('index.html', server.url).href, { waitUntil: 'load' });
      await page.locator('a[href="compatibility-policy.html"]').first().click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shot('compatibility-policy');
    },
  );

  it('made no request to any host but the local server, and no console error', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter(
      (url) => !url.startsWith(`${origin}/`) && !url.startsWith(`blob:${origin}/`) && !url.startsWith('data:'),
    );
    expect(foreign).toEqual([]);
    // Redoc's blob: workers are cancelled when a test navigates away; a local file must never fail.
    expect(failedRequests.filter((entry) => !entry.startsWith('blob:'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
