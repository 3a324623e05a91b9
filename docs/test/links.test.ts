// Link check: crawls the built site through the static server from the landing page and proves that
// every link, image, stylesheet and download resolves, that in-page anchors exist, that every page
// and download is reachable, and that external links are only the ones the OpenAPI documents name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startStaticServer } from '../src/server.mjs';
import { apis, builtSite, distDir, docsDir } from './helpers.ts';

/** Redoc's attribution link ("API docs by Redocly") is the one external link not taken from a document. */
const REDOC_ATTRIBUTION = 'https://redocly.com/redoc/';

interface Fetched {
  status: number;
  type: string;
  body: string;
}

let server: Awaited<ReturnType<typeof startStaticServer>>;
const fetched = new Map<string, Fetched>();
const links: { from: string; href: string; url: URL; download: boolean }[] = [];
const external = new Set<string>();

async function get(url: string): Promise<Fetched> {
  const cached = fetched.get(url);
  if (cached) return cached;
  const res = await fetch(url, { redirect: 'manual' });
  const result = { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  fetched.set(url, result);
  return result;
}

/** href/src attributes of the page's markup (scripts and styles removed: the Redoc bundle's strings are not links). */
function attributes(html: string) {
  const markup = html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<style[\s\S]*?<\/style>/gi, '');
  const found: { href: string; download: boolean }[] = [];
  for (const tag of markup.matchAll(/<[a-z][^>]*>/gi)) {
    const value = /\s(?:href|src)="([^"]*)"/i.exec(tag[0])?.[1];
    if (value !== undefined) found.push({ href: value.replace(/&amp;/g, '&'), download: /\sdownload[\s>=]/i.test(tag[0]) });
  }
  return found;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

beforeAll(async () => {
  builtSite();
  server = await startStaticServer({ root: distDir });
  const queue = [new URL('index.html', server.url).href];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const page = queue.shift()!;
    const res = await get(page);
    if (!res.type.startsWith('text/html')) continue;
    for (const { href, download } of attributes(res.body)) {
      const url = new URL(href, page);
      links.push({ from: page, href, url, download });
      if (url.protocol === 'mailto:') continue;
      if (url.origin !== new URL(server.url).origin) {
        external.add(url.href);
        continue;
      }
      url.hash = '';
      const res2 = await get(url.href);
      if (res2.type.startsWith('text/html') && !seen.has(url.href)) {
        seen.add(url.href);
        queue.push(url.href);
      }
    }
  }
});
afterAll(() => server?.close());

describe('link check of the built site', () => {
  it('finds links on every page', () => {
    expect(links.length).toBeGreaterThan(20);
  });

  it('every same-site link, image, stylesheet and download answers 200', () => {
    const broken = links
      .filter((l) => l.url.origin === new URL(server.url).origin)
      .map((l) => ({ ...l, target: l.url.href.replace(/#.*$/, '') }))
      .filter((l) => fetched.get(l.target)?.status !== 200)
      .map((l) => `${relative(server.url, l.from) || l.from} → ${l.href} (${fetched.get(l.target)?.status})`);
    expect(broken).toEqual([]);
  });

  it('every in-page anchor exists on its target page (Redoc hash routes "#/…" are checked by the browser test)', () => {
    const missing = links
      .filter((l) => l.url.origin === new URL(server.url).origin && l.url.hash && !l.url.hash.startsWith('#/'))
      .filter((l) => {
        const body = fetched.get(l.url.href.replace(/#.*$/, ''))?.body ?? '';
        return !body.includes(`id="${decodeURIComponent(l.url.hash.slice(1))}"`);
      })
      .map((l) => `${l.from} → ${l.href}`);
    expect(missing).toEqual([]);
  });

  it('every page and every download of dist/ is reachable from the landing page', () => {
    const reached = new Set([...fetched.keys()].map((u) => decodeURIComponent(new URL(u).pathname)));
    const files = walk(distDir)
      .map((f) => `/${relative(distDir, f).split('\\').join('/')}`)
      .filter((f) => f.endsWith('.html') || f.startsWith('/downloads/'));
    expect(files.filter((f) => !reached.has(f))).toEqual([]);
  });

  it('downloads are served from the site with the right type and parse as the bundled documents', async () => {
    const downloads = links.filter((l) => l.download && /\.openapi\.[\w.-]*(json|yaml)$/.test(l.url.pathname));
    for (const { entry } of apis) {
      for (const file of [entry.json, entry.yaml]) {
        expect(downloads.some((l) => l.url.pathname === `/downloads/${file}`)).toBe(true);
      }
    }
    for (const link of downloads) {
      const res = await get(link.url.href);
      const parsed = link.url.pathname.endsWith('.json') ? JSON.parse(res.body) : parse(res.body);
      expect(res.type).toBe(
        link.url.pathname.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8',
      );
      const api = apis.find((a) => link.url.pathname.startsWith(`/downloads/${a.name}.`));
      expect(api).toBeDefined();
      expect(parsed.info).toEqual(api!.doc.info);
      expect(Object.keys(parsed.paths)).toEqual(Object.keys(api!.doc.paths));
    }
  });

  it('external links are only those the OpenAPI documents and rendered Markdown name, plus Redoc attribution', () => {
    const documented = JSON.stringify(apis.map((a) => a.doc));
    const markdown = [
      join(docsDir, 'compatibility-policy.md'),
      ...apis.map((a) => join(docsDir, '..', 'specs', a.name, 'CHANGELOG.md')),
    ]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unexpected = [...external].filter(
      (href) => href !== REDOC_ATTRIBUTION && !documented.includes(`"${href}"`) && !markdown.includes(`](${href})`),
    );
    expect(unexpected).toEqual([]);
    for (const { doc } of apis) if (doc.externalDocs?.url) expect(external.has(doc.externalDocs.url)).toBe(true);
  });

  it("mailto links are well formed and are the documents' contacts", () => {
    const mails = links.filter((l) => l.url.protocol === 'mailto:').map((l) => l.url.pathname);
    expect(mails.length).toBeGreaterThan(0);
    const contacts = new Set(apis.map((a) => a.doc.info?.contact?.email));
    expect(mails.filter((m) => !contacts.has(m))).toEqual([]);
  });

  it("the landing page links each API's reference, changelog and downloads, and shows its spec version", async () => {
    const landing = (await get(new URL('index.html', server.url).href)).body;
    for (const { name, entry, doc } of apis) {
      for (const href of [`${name}/index.html`, `${name}/changelog.html`, `downloads/${entry.json}`, `downloads/${entry.yaml}`]) {
        expect(landing).toContain(`href="${href}"`);
      }
      expect(landing).toContain(`v${doc.info.version}`);
      expect(landing).toContain(`npm install @mailapis/${name}-client`);
    }
  });

  it('changelog pages render the CHANGELOG.md of each API (or say there are no releases)', async () => {
    for (const { name, doc } of apis) {
      const page = (await get(new URL(`${name}/changelog.html`, server.url).href)).body;
      let source = '';
      try {
        source = readFileSync(join(distDir, '..', '..', 'specs', name, 'CHANGELOG.md'), 'utf8');
      } catch {
        expect(page).toContain('No releases yet.');
        continue;
      }
      for (const version of source.matchAll(/^##\s+(\d+\.\d+\.\d+)/gm)) expect(page).toContain(`>${version[1]}`);
      expect(page).toContain(doc.info.title);
    }
  });
});
