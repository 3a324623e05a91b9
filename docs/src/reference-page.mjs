// @ts-check
// Post-processing of the page `redocly build-docs` writes, so that it is light, offline and opens on
// the operations:
// - Redoc's code comes from one shared asset instead of the CDN (build-docs' default) or an inlined
//   copy per page (its --inlineBundle); the integrity attribute build-docs computes is kept;
// - the "API docs by Redocly" logo is served locally;
// - the server-rendered menu links ("/account-offerings") become the hash routes the page uses;
// - before Redoc starts, an empty address is sent to the first tag's route, where Redoc 3 opens the
//   operations (at "#/" it shows only the introduction and a collapsed list), and the rendered
//   document is handed to the "Try it" console (assets/try-it.js);
// - Redoc's server-rendered styles move to one stylesheet shared by every reference page.

const CDN_BUNDLE = /https:\/\/cdn\.redocly\.com\/redoc\/v[\w.-]+\/bundles\/redoc\.standalone\.js/g;
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const HYDRATE = "hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'));";

/**
 * Redoc's code with its one run-time CDN reference (the attribution logo) pointing at the local copy.
 * @param {string} code
 */
export function localizeRedocBundle(code) {
  // (Its other CDN strings, icon sets, are not used by these pages: the browser test fails on any foreign request.)
  return code.replace(CDN_LOGO, '../assets/redoc-attribution.svg');
}

/**
 * @param {string} html the page as build-docs wrote it (without --inlineBundle)
 * @param {{ redocAsset: string, integrity: string }} options URL of Redoc's code and its SRI hash
 * @returns {string}
 */
export function referenceHtml(html, { redocAsset, integrity }) {
  if (!CDN_BUNDLE.test(html)) throw new Error("build-docs did not reference Redoc's bundle where expected");
  let out = html
    .replace(CDN_BUNDLE, redocAsset)
    .replace(/integrity="sha384-[^"]*"/, `integrity="${integrity}"`)
    .replace(CDN_LOGO, '../assets/redoc-attribution.svg')
    .replace(/<div id="redoc">[\s\S]*?<script type="module">/, (ssr) => ssr.replace(/ href="\/(?!\/)/g, ' href="#/'));
  const ssr = /<div id="redoc">([\s\S]*?)<script type="module">/.exec(out)?.[1] ?? '';
  const firstRoute = /href="(#\/[^"#/]+)"/.exec(ssr)?.[1];
  if (!firstRoute) throw new Error('the server-rendered menu has no route to a tag');
  if (!out.includes(HYDRATE)) throw new Error('build-docs no longer starts Redoc with hydrate(...)');
  out = out.replace(
    HYDRATE,
    [
      'window.__mailapis_definition = structuredClone(__redoc_definition);',
      `      if (location.hash === '' || location.hash === '#/') history.replaceState(null, '', ${JSON.stringify(firstRoute)});`,
      `      ${HYDRATE}`,
    ].join('\n'),
  );
  if (!out.includes('__redoc_definition') || /<(script|link)[^>]+(src|href)="https?:/i.test(out) || /from "https?:/.test(out)) {
    throw new Error('not a self-contained Redoc page');
  }
  return out;
}

/**
 * Moves the styled-components style element of a server-rendered page into a linked stylesheet.
 * @param {string} html
 * @param {string} href URL of the shared stylesheet
 * @returns {{ html: string, rules: string[] }} the page and its rules, in order
 */
export function extractSsrStyles(html, href) {
  const match = /<style data-styled="true"[^>]*>([\s\S]*?)<\/style>/.exec(html);
  if (!match) throw new Error('the page has no server-rendered styles');
  const rules = (match[1] ?? '')
    .split('/*!sc*/')
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '');
  return { html: html.replace(match[0], `<link rel="stylesheet" href="${href}">`), rules };
}
