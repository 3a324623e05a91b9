#!/usr/bin/env node
// @ts-check
// `npm run build`: writes the static documentation site to docs/dist/.
//   1. generates one TypeScript sample per operation from the bundles into samples/generated/ and
//      type-checks them, with the landing-page recipes of samples/recipes/, against the built clients (tsc);
//   2. per API: copies the bundled documents to dist/downloads/, writes a copy carrying x-codeSamples,
//      the Postman collection and the .http file, renders the reference with `redocly build-docs` into
//      dist/<api>/index.html (Redoc's code served once from dist/assets/, its server-rendered styles
//      collected into one shared stylesheet), and renders the changelog;
//   3. renders the compatibility policy (when docs/compatibility-policy.md exists) and the landing page.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApis, loadSpec, specPath } from '@mailapis/specs';
import { stringify } from 'yaml';
import { clientFacts } from './clients.mjs';
import {
  curlSample,
  displayedTypeScript,
  listOperations,
  typeScriptLabel,
  typeScriptSample,
  withCodeSamples,
} from './code-samples.mjs';
import { escapeHtml, markdownToHtml } from './markdown.mjs';
import { httpFile, postmanCollection } from './partner-tools.mjs';
import { extractSsrStyles, localizeRedocBundle, referenceHtml } from './reference-page.mjs';
import { landingPage, markdownPage } from './site.mjs';

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(docsDir, '..');
const distDir = join(docsDir, 'dist');
const samplesDir = join(docsDir, 'samples');
const generatedSamplesDir = join(samplesDir, 'generated');
const recipesDir = join(samplesDir, 'recipes');
const require = createRequire(import.meta.url);

/** The port the mock server's documentation uses (`npx mailapis-mock --port 4010`). */
const MOCK_PORT = 4010;
const MOCK_URL = `http://127.0.0.1:${MOCK_PORT}`;
/** File names under dist/assets/ of Redoc's code and of the server-rendered styles all reference pages share. */
const REDOC_ASSET = 'redoc.standalone.js';
const SSR_STYLES_ASSET = 'reference-ssr.css';

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

// 1. Samples: one per operation, generated from the bundle; they and the recipes compile against the built clients.
/** @type {Map<string, import('./code-samples.mjs').ClientFacts>} */
const clients = new Map();
rmSync(generatedSamplesDir, { recursive: true, force: true });
for (const { name, doc } of apis) {
  const clientPackage = `@mailapis/${name}-client`;
  try {
    require.resolve(`${clientPackage}/package.json`);
  } catch {
    fail(`${clientPackage} is not installed; docs/package.json must list the client of every API`);
  }
  const client = await clientFacts(clientPackage);
  clients.set(name, client);
  mkdirSync(join(generatedSamplesDir, name), { recursive: true });
  for (const op of listOperations(doc)) {
    writeFileSync(join(generatedSamplesDir, name, `${op.operationId}.ts`), typeScriptSample(doc, name, op, client));
  }
  if (!existsSync(join(recipesDir, `${name}.ts`))) fail(`samples/recipes/${name}.ts (the landing-page recipe) is missing`);
}
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
for (const asset of ['site.css', 'reference.css', 'favicon.svg', 'logo.svg', 'redoc-attribution.svg', 'try-it.js']) {
  copyFileSync(join(docsDir, 'assets', asset), join(distDir, 'assets', asset));
}
// Redoc's code, served once for every reference page (build-docs would inline it or load it from a CDN).
const redocBundle = join(dirname(require.resolve('@redocly/cli/package.json')), 'lib', 'chunks', 'redoc.standalone.js');
if (!existsSync(redocBundle)) fail(`${redocBundle} is missing: @redocly/cli no longer ships Redoc where the build expects it`);
// Its attribution logo is loaded from a CDN at run time: point it at the local copy, and sign the result.
const redocCode = localizeRedocBundle(readFileSync(redocBundle, 'utf8'));
writeFileSync(join(distDir, 'assets', REDOC_ASSET), redocCode);
const redocIntegrity = `sha384-${createHash('sha384').update(redocCode).digest('base64')}`;

const policySource = join(docsDir, 'compatibility-policy.md');
const hasPolicy = existsSync(policySource);
if (hasPolicy) markdownPages.set('docs/compatibility-policy.md', 'compatibility-policy.html');
for (const { name } of apis) markdownPages.set(`specs/${name}/CHANGELOG.md`, `${name}/changelog.html`);

const redocly = binOf('@redocly/cli', 'redocly');
const template = join(docsDir, 'templates', 'reference.hbs');
const tmp = mkdtempSync(join(tmpdir(), 'mailapis-docs-'));
/** @type {import('./site.mjs').ApiPage[]} */
const pages = [];
/** @type {{ output: string, html: string }[]} */
const referencePages = [];
try {
  for (const { entry, name, doc } of apis) {
    const client = /** @type {import('./code-samples.mjs').ClientFacts} */ (clients.get(name));
    const clientPackage = client.packageName;
    const apiDir = join(distDir, name);
    mkdirSync(apiDir, { recursive: true });

    // Downloads: the contract exactly as bundled, and the copy with code samples the reference renders.
    copyFileSync(specPath(name, 'yaml'), join(distDir, 'downloads', entry.yaml));
    copyFileSync(specPath(name, 'json'), join(distDir, 'downloads', entry.json));
    const documented = withCodeSamples(doc, name, client);
    const samplesJson = `${name}.openapi.with-code-samples.json`;
    const samplesYaml = `${name}.openapi.with-code-samples.yaml`;
    writeFileSync(join(distDir, 'downloads', samplesJson), `${JSON.stringify(documented, null, 2)}\n`);
    writeFileSync(join(distDir, 'downloads', samplesYaml), stringify(documented, { lineWidth: 0 }));
    // For partners' tools: a Postman collection and an .http file, both pointing at the local mock.
    const postmanFile = `${name}.postman_collection.json`;
    const httpFileName = `${name}.http`;
    writeFileSync(
      join(distDir, 'downloads', postmanFile),
      `${JSON.stringify(await postmanCollection(doc, MOCK_URL), null, 2)}\n`,
    );
    writeFileSync(join(distDir, 'downloads', httpFileName), httpFile(doc, name, MOCK_URL));

    // Reference page.
    const redocOptions = {
      downloadUrls: [
        { title: 'OpenAPI (YAML)', url: `../downloads/${entry.yaml}` },
        { title: 'OpenAPI (JSON)', url: `../downloads/${entry.json}` },
      ],
      hideLoading: true,
      jsonSamplesExpandLevel: 3,
      // Every schema level open: request-body fields, enums and rules are on the page without a click.
      schemasExpansionLevel: 'all',
      // Redoc 3 shows only the samples whose label it lists here.
      codeSamples: {
        languages: [
          { lang: 'TypeScript', label: typeScriptLabel(client) },
          { lang: 'curl', label: 'curl' },
        ],
      },
      disableTelemetry: true,
    };
    const optionsFile = join(tmp, `${name}.redoc.json`);
    writeFileSync(optionsFile, JSON.stringify(redocOptions));
    const title = `${doc.info.title} v${doc.info.version} — API reference · mailapis`;
    const output = join(apiDir, 'index.html');
    runNode(`redocly build-docs ${name}`, redocly, [
      'build-docs',
      join(distDir, 'downloads', samplesJson),
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
    try {
      referencePages.push({
        output,
        html: referenceHtml(readFileSync(output, 'utf8'), { redocAsset: `../assets/${REDOC_ASSET}`, integrity: redocIntegrity }),
      });
    } catch (error) {
      fail(`${output}: ${error instanceof Error ? error.message : error}`);
    }

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
      typeScriptSample: displayedTypeScript(typeScriptSample(doc, name, op, client)),
      recipe: displayedTypeScript(readFileSync(join(recipesDir, `${name}.ts`), 'utf8')),
      curlSample: curlSample(doc, name, op),
      tools: [
        { label: `${postmanFile} (Postman collection v2.1)`, href: `downloads/${postmanFile}` },
        { label: `${httpFileName} (REST Client / JetBrains HTTP Client)`, href: `downloads/${httpFileName}` },
      ],
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
// Redoc's server-rendered styles: one stylesheet for all reference pages (cached), not a copy per page.
/** @type {Set<string>} */
const ssrRules = new Set();
for (const page of referencePages) {
  const { html, rules } = extractSsrStyles(page.html, `../assets/${SSR_STYLES_ASSET}`);
  for (const rule of rules) ssrRules.add(rule);
  writeFileSync(page.output, html);
}
writeFileSync(
  join(distDir, 'assets', SSR_STYLES_ASSET),
  `/* GENERATED by docs/src/build.mjs: Redoc's server-rendered styles of every reference page. Do not edit. */\n${[...ssrRules].join('\n')}\n`,
);

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
