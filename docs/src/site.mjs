// @ts-check
// HTML of the site's own pages (landing page, changelogs, compatibility policy). Every fact about
// an API comes from its bundled OpenAPI document or from files generated from it.

import { credentialVariable, listOperations, securitySchemeOf } from './code-samples.mjs';
import { escapeHtml } from './markdown.mjs';

export const SITE_NAME = 'mailapis';

/**
 * @typedef {object} ApiPage
 * @property {string} name folder name, e.g. `sendgrid-provisioning`
 * @property {Record<string, any>} doc the bundled document (without code samples)
 * @property {string} clientPackage npm name of the typed client
 * @property {string} typeScriptSample displayed TypeScript sample of the first operation
 * @property {string} recipe displayed TypeScript recipe of the API (samples/recipes/<api>.ts)
 * @property {{ label: string, href: string }[]} tools Postman collection and .http file (from the site root)
 * @property {string} curlSample curl sample of the first operation
 * @property {{ label: string, href: string }[]} downloads site-relative links (from the site root)
 * @property {string | null} changelogHtml
 */

/**
 * Page shell shared by the site's own pages.
 * @param {{ title: string, description: string, root: string, body: string, current?: string }} page
 *   `root` is the relative path from the page to the site root ('' or '../').
 */
export function layout({ title, description, root, body }) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <meta name="description" content="${escapeHtml(description)}">
  <link rel="icon" href="${root}assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="${root}assets/site.css">
</head>
<body>
  <header class="brand-bar">
    <a class="brand" href="${root}index.html"><img src="${root}assets/logo.svg" alt="" width="24" height="24"> ${SITE_NAME} <span>partner API docs</span></a>
  </header>
  <main class="page">
${body}
  </main>
  <footer class="site-footer">Generated from the OpenAPI documents in <code>specs/</code> of the ${SITE_NAME} repository. Works offline: nothing on this site is loaded from another host.</footer>
</body>
</html>
`;
}

/** @param {string} code @param {string} lang */
function codeBlock(code, lang) {
  return `<pre class="code"><code class="language-${lang}">${escapeHtml(code)}</code></pre>`;
}

/** @param {ApiPage} api */
function apiSection(api) {
  const { doc, name } = api;
  const info = doc.info ?? {};
  const operations = listOperations(doc);
  const security = operations[0] ? securitySchemeOf(doc, operations[0].operation) : undefined;
  const rows = operations
    .map(
      (op) =>
        `<tr><td><span class="method method-${op.method}">${op.method.toUpperCase()}</span></td><td><code>${escapeHtml(op.path)}</code></td><td><a href="${name}/index.html">${escapeHtml(op.operation.summary ?? op.operationId)}</a></td><td><code>${escapeHtml(op.operationId)}</code></td></tr>`,
    )
    .join('\n');
  const servers = (doc.servers ?? [])
    .map((/** @type {any} */ s) => `<li><code>${escapeHtml(s.url)}</code>: ${escapeHtml(s.description ?? '')}</li>`)
    .join('\n');
  let auth = '';
  if (security) {
    const { scheme } = security;
    const header =
      scheme.type === 'apiKey'
        ? `${scheme.name}: <credential>`
        : scheme.type === 'http'
          ? `Authorization: ${scheme.scheme === 'bearer' ? 'Bearer' : scheme.scheme} <credential>`
          : scheme.type;
    auth = `<p><strong>Authentication:</strong> <code>${escapeHtml(header)}</code>. The samples read the credential from <code>$${credentialVariable(name, scheme)}</code>.</p>`;
  }
  const downloads = api.downloads.map((d) => `<li><a href="${d.href}" download>${escapeHtml(d.label)}</a></li>`).join('\n');
  return `<section class="api" id="${name}">
  <h2>${escapeHtml(info.title ?? name)} <span class="version">v${escapeHtml(String(info.version ?? ''))}</span></h2>
  <p class="summary">${escapeHtml(info.summary ?? '')}</p>
  <p class="actions"><a class="button primary" href="${name}/index.html">API reference</a> <a class="button" href="${name}/changelog.html">Changelog</a></p>
  <table class="operations"><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>operationId</th></tr></thead><tbody>
${rows}
  </tbody></table>
  <h3>Servers</h3>
  <ul>${servers}</ul>
  ${auth}
  <h3>Install the TypeScript client</h3>
  ${codeBlock(`npm install ${api.clientPackage}`, 'shell')}
  <h3>Quick start</h3>
  ${codeBlock(api.typeScriptSample, 'typescript')}
  <details><summary>The same call with curl</summary>
  ${codeBlock(api.curlSample, 'shell')}
  </details>
  <h3>Recipe</h3>
  ${codeBlock(api.recipe, 'typescript')}
  <h3>Import into your tools</h3>
  <p>Generated from the OpenAPI document; <code>{{baseUrl}}</code> points at the local mock server (<code>npx mailapis-mock --port 4010</code>) and <code>{{token}}</code> holds your credential.</p>
  <ul class="downloads">
${api.tools.map((d) => `<li><a href="${d.href}" download>${escapeHtml(d.label)}</a></li>`).join('\n')}
  </ul>
  <h3>Download the OpenAPI ${escapeHtml(String(doc.openapi ?? ''))} document (v${escapeHtml(String(info.version ?? ''))})</h3>
  <ul class="downloads">
${downloads}
  </ul>
</section>`;
}

/**
 * @param {{ apis: ApiPage[], mock: { command: string, script: string, port: number } | null, hasPolicy: boolean }} site
 */
export function landingPage({ apis, mock, hasPolicy }) {
  const toc = apis
    .map(
      (api) =>
        `<li><a href="#${api.name}">${escapeHtml(api.doc.info?.title ?? api.name)}</a> — v${escapeHtml(String(api.doc.info?.version ?? ''))}: ${escapeHtml(api.doc.info?.summary ?? '')}</li>`,
    )
    .join('\n');
  const first = apis[0];
  let mockSection = '';
  if (mock && first) {
    const base = `http://127.0.0.1:${mock.port}`;
    mockSection = `<section class="mock" id="mock-server">
  <h2>Try it against the mock server</h2>
  <p>The repository ships a mock server that answers every documented operation of both APIs from the same OpenAPI documents, validating requests and returning the documented examples. Start it, then point any client's <code>baseUrl</code> at it instead of a real server:</p>
  ${codeBlock(`${mock.command}    # or, in the repository: ${mock.script}`, 'shell')}
  ${codeBlock(apis.map((api) => mockClientSnippet(api, base)).join('\n\n'), 'typescript')}
  <p>With curl, replace the server URL of a sample with <code>${base}</code>.</p>
</section>`;
  }
  const policy = hasPolicy
    ? `<p>What may change within a version, what counts as breaking and how deprecations are announced: <a href="compatibility-policy.html">API compatibility policy</a>.</p>`
    : '';
  return layout({
    title: `${SITE_NAME} partner API documentation`,
    description: `Reference, quick starts and OpenAPI documents of the ${SITE_NAME} partner APIs.`,
    root: '',
    body: `<section class="hero">
  <h1>Partner API documentation</h1>
  <p>Typed clients, references and machine-readable OpenAPI documents for the email-provider APIs that ${SITE_NAME} partners integrate with. Every page is generated from the OpenAPI documents; every TypeScript sample is type-checked against the published clients.</p>
  <ul class="toc">
${toc}
  </ul>
  ${policy}
</section>
${apis.map(apiSection).join('\n')}
${mockSection}`,
  });
}

/** @param {ApiPage} api @param {string} base */
function mockClientSnippet(api, base) {
  const ops = listOperations(api.doc);
  const security = ops[0] ? securitySchemeOf(api.doc, ops[0].operation) : undefined;
  const factory = /createSendGridProvisioningClient|create\w+Client/.exec(api.typeScriptSample)?.[0] ?? 'createClient';
  const credentialOption = /\b(apiKey|apiToken)\b/.exec(api.typeScriptSample)?.[0] ?? 'apiKey';
  return `// ${api.doc.info?.title ?? api.name}\nimport { ${factory} } from '${api.clientPackage}';\nconst ${toCamel(api.name)} = ${factory}({ ${credentialOption}: 'any-${security?.scheme.type === 'apiKey' ? 'token' : 'key'}', baseUrl: '${base}' });`;
}

/** @param {string} name */
function toCamel(name) {
  return name.replace(/-([a-z])/g, (_m, c) => c.toUpperCase());
}

/**
 * @param {{ title: string, description: string, contentHtml: string, root: string, backLinks: string }} page
 */
export function markdownPage({ title, description, contentHtml, root, backLinks }) {
  return layout({
    title,
    description,
    root,
    body: `<nav class="crumbs">${backLinks}</nav>\n<article class="markdown">\n${contentHtml}\n</article>`,
  });
}
