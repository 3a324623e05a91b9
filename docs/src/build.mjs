#!/usr/bin/env node
// @ts-check
// `npm run build`: writes the static documentation site to docs/dist/.
//   1. checks that samples/ holds one TypeScript sample per operation and type-checks them (tsc);
//   2. per API: copies the bundled documents to dist/downloads/, writes a copy carrying x-codeSamples
//      (curl generated from the document, TypeScript read from samples/), renders it with
//      `redocly build-docs --inlineBundle` into dist/<api>/index.html, and renders the changelog;
//   3. renders the compatibility policy (when docs/compatibility-policy.md exists) and the landing page.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApis, loadSpec, specPath } from '@mailapis/specs';
import { stringify } from 'yaml';
import {
  curlSample,
  displayedTypeScript,
  listOperations,
  sampleCoverageProblems,
  typeScriptSamplePath,
  withCodeSamples,
} from './code-samples.mjs';
import { escapeHtml, markdownToHtml } from './markdown.mjs';
import { landingPage, markdownPage } from './site.mjs';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(docsDir, '..');
const distDir = join(docsDir, 'dist');
const samplesDir = join(docsDir, 'samples');
const require = createRequire(import.meta.url);

/** The port the mock server's documentation uses (`npx mailapis-mock --port 4010`). */
const MOCK_PORT = 4010;

/** @param {string} message */
function fail(message) {
  console.error(`docs build failed: ${message}`);
  process.exit(1);
}

/** Runs a node script synchronously, inheriting output; exits on failure. */
/** @param {string} label @param {string} script @param {string[]} args */
function runNode(label, script, args) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: docsDir,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    fail(`${label} exited with ${result.status ?? result.signal}`);
  }
  return result.stdout;
}

/** @param {string} pkg @param {string} bin */
function binOf(pkg, bin) {
  const pkgJsonPath = require.resolve(`${pkg}/package.json`);
  const pkgJson = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));
  const rel = typeof pkgJson.bin === 'string' ? pkgJson.bin : pkgJson.bin?.[bin];
  if (!rel) fail(`${pkg} has no "${bin}" binary`);
  return join(dirname(pkgJsonPath), rel);
}

/** Site path (from the root) of the page rendered from a repository Markdown file, by repo-relative source. */
/** @type {Map<string, string>} */
const markdownPages = new Map();

/**
 * Rewrites a link found in a Markdown file: to the site page rendered from the target file when
 * there is one, kept when absolute (http, mailto) or a fragment, dropped otherwise (repository files
 * that are not on the site would be dead links).
 * @param {string} sourceRel repo-relative path of the Markdown file
 * @param {string} pageSitePath site path of the page being rendered
 */
function linkRewriter(sourceRel, pageSitePath) {
  return (/** @type {string} */ href) => {
    if (/^(https?:|mailto:|#)/.test(href)) return href;
    const [target = '', fragment] = href.split('#');
    const targetRel = posix.normalize(posix.join(posix.dirname(sourceRel), target));
    const sitePath = markdownPages.get(targetRel);
    if (!sitePath) return null;
    const fromDir = posix.dirname(pageSitePath);
    const relativeHref = posix.relative(fromDir === '.' ? '' : fromDir, sitePath) || posix.basename(sitePath);
    return fragment ? `${relativeHref}#${fragment}` : relativeHref;
  };
}

/** The mock server, when the repository has one: its package declares a `mailapis-mock` binary. */
function detectMock() {
  const pkgPath = join(repoRoot, 'packages', 'mock', 'package.json');
  if (!existsSync(pkgPath)) return null;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
  if (!bins['mailapis-mock']) return null;
  return { command: `npx mailapis-mock --port ${MOCK_PORT}`, script: 'npm run mock', port: MOCK_PORT };
}

// ---------------------------------------------------------------------------------------------------

const apis = listApis().map((entry) => ({ entry, name: entry.name, doc: loadSpec(entry.name) }));
if (apis.length === 0) fail('specs/dist/apis.json lists no API; run the specs build first');

// 1. Samples: one per operation, and they compile against the built clients.
const problems = sampleCoverageProblems(samplesDir, apis);
if (problems.length > 0) fail(`TypeScript samples do not match the operations:\n  - ${problems.join('\n  - ')}`);
const tsc = binOf('typescript', 'tsc');
runNode('tsc -p samples (type-check of the TypeScript samples against the built clients)', tsc, [
  '-p',
  join(samplesDir, 'tsconfig.json'),
]);
console.log(`type-checked ${apis.reduce((n, a) => n + listOperations(a.doc).length, 0)} TypeScript sample(s)`);

// 2. Fresh output directory.
rmSync(distDir, { recursive: true, force: true });
mkdirSync(join(distDir, 'downloads'), { recursive: true });
mkdirSync(join(distDir, 'assets'), { recursive: true });
for (const asset of ['site.css', 'reference.css', 'favicon.svg', 'logo.svg', 'redoc-attribution.svg']) {
  copyFileSync(join(docsDir, 'assets', asset), join(distDir, 'assets', asset));
}

const policySource = join(docsDir, 'compatibility-policy.md');
const hasPolicy = existsSync(policySource);
if (hasPolicy) markdownPages.set('docs/compatibility-policy.md', 'compatibility-policy.html');
for (const { name } of apis) markdownPages.set(`specs/${name}/CHANGELOG.md`, `${name}/changelog.html`);

const redocly = binOf('@redocly/cli', 'redocly');
const template = join(docsDir, 'templates', 'reference.hbs');
const tmp = mkdtempSync(join(tmpdir(), 'mailapis-docs-'));
/** @type {import('./site.mjs').ApiPage[]} */
const pages = [];
try {
  for (const { entry, name, doc } of apis) {
    const clientPackage = `@mailapis/${name}-client`;
    try {
      require.resolve(`${clientPackage}/package.json`);
    } catch {
      fail(`${clientPackage} is not installed; docs/package.json must list the client of every API`);
    }
    const apiDir = join(distDir, name);
    mkdirSync(apiDir, { recursive: true });

    // Downloads: the contract exactly as bundled, and the copy with code samples the reference renders.
    copyFileSync(specPath(name, 'yaml'), join(distDir, 'downloads', entry.yaml));
    copyFileSync(specPath(name, 'json'), join(distDir, 'downloads', entry.json));
    const documented = withCodeSamples(doc, name, samplesDir, clientPackage);
    const samplesJson = `${name}.openapi.with-code-samples.json`;
    const samplesYaml = `${name}.openapi.with-code-samples.yaml`;
    writeFileSync(join(distDir, 'downloads', samplesJson), `${JSON.stringify(documented, null, 2)}\n`);
    writeFileSync(join(distDir, 'downloads', samplesYaml), stringify(documented, { lineWidth: 0 }));

    // Reference page.
    const redocOptions = {
      downloadUrls: [
        { title: 'OpenAPI (YAML)', url: `../downloads/${entry.yaml}` },
        { title: 'OpenAPI (JSON)', url: `../downloads/${entry.json}` },
      ],
      hideLoading: true,
      jsonSamplesExpandLevel: 3,
      schemasExpansionLevel: 1,
      disableTelemetry: true,
    };
    const optionsFile = join(tmp, `${name}.redoc.json`);
    writeFileSync(optionsFile, JSON.stringify(redocOptions));
    const title = `${doc.info.title} v${doc.info.version} — API reference · mailapis`;
    const output = join(apiDir, 'index.html');
    runNode(`redocly build-docs ${name}`, redocly, [
      'build-docs',
      join(distDir, 'downloads', samplesJson),
      '--inlineBundle',
      '--output',
      output,
      '--title',
      title,
      '--template',
      template,
      '--openapi',
      optionsFile,
      `--templateOptions.apiName=${name}`,
      `--templateOptions.apiTitle=${doc.info.title}`,
      `--templateOptions.version=${doc.info.version}`,
      `--templateOptions.description=${doc.info.summary ?? doc.info.title}`,
      '--lint-config',
      'off',
    ]);
    // Redoc's "API docs by Redocly" attribution loads its logo from a CDN at run time: serve a local one instead.
    // Its server-side render writes menu links as root paths ("/account-offerings") although the page
    // routes with the hash ("#/account-offerings"): rewrite them so they work without JavaScript and in new tabs.
    const html = readFileSync(output, 'utf8')
      .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, '../assets/redoc-attribution.svg')
      .replace(/<div id="redoc">[\s\S]*?<script type="module">/, (ssr) => ssr.replace(/ href="\/(?!\/)/g, ' href="#/'));
    if (!html.includes('__redoc_definition') || /<(script|link)[^>]+(src|href)="https?:/i.test(html)) {
      fail(`${output} is not a self-contained Redoc page`);
    }
    writeFileSync(output, html);

    // Changelog page.
    const changelogSourceRel = `specs/${name}/CHANGELOG.md`;
    const changelogSource = join(repoRoot, changelogSourceRel);
    const changelogHtml = existsSync(changelogSource)
      ? markdownToHtml(readFileSync(changelogSource, 'utf8'), {
          rewriteLink: linkRewriter(changelogSourceRel, `${name}/changelog.html`),
        })
      : null;
    const backLinks = `<a href="../index.html#${name}">← ${escapeHtml(doc.info.title)}</a><a href="index.html">API reference</a>`;
    writeFileSync(
      join(apiDir, 'changelog.html'),
      markdownPage({
        title: `Changelog — ${doc.info.title} · mailapis`,
        description: `Release history of the ${doc.info.title}.`,
        root: '../',
        backLinks,
        contentHtml: changelogHtml ?? `<h1>${escapeHtml(doc.info.title)}: changelog</h1>\n<p class="notice">No releases yet.</p>`,
      }),
    );

    const firstOperation = listOperations(doc)[0];
    if (!firstOperation) fail(`${name} has no operation`);
    const op = /** @type {NonNullable<typeof firstOperation>} */ (firstOperation);
    pages.push({
      name,
      doc,
      clientPackage,
      typeScriptSample: displayedTypeScript(readFileSync(join(samplesDir, typeScriptSamplePath(name, op.operationId)), 'utf8')),
      curlSample: curlSample(doc, name, op),
      downloads: [
        { label: `${entry.yaml} (YAML)`, href: `downloads/${entry.yaml}` },
        { label: `${entry.json} (JSON)`, href: `downloads/${entry.json}` },
        { label: `${samplesYaml} (YAML, with x-codeSamples)`, href: `downloads/${samplesYaml}` },
        { label: `${samplesJson} (JSON, with x-codeSamples)`, href: `downloads/${samplesJson}` },
      ],
      changelogHtml,
    });
    console.log(`built ${relative(docsDir, output)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// 3. Compatibility policy and landing page.
if (hasPolicy) {
  const contentHtml = markdownToHtml(readFileSync(policySource, 'utf8'), {
    rewriteLink: linkRewriter('docs/compatibility-policy.md', 'compatibility-policy.html'),
  });
  writeFileSync(
    join(distDir, 'compatibility-policy.html'),
    markdownPage({
      title: 'API compatibility policy · mailapis',
      description: 'What counts as a breaking change, how versions move and how deprecations are announced.',
      root: '',
      backLinks: '<a href="index.html">← All APIs</a>',
      contentHtml,
    }),
  );
}
writeFileSync(join(distDir, 'index.html'), landingPage({ apis: pages, mock: detectMock(), hasPolicy }));
console.log(`docs site written to ${relative(process.cwd(), distDir) || '.'}/ (open it with "npm start")`);
