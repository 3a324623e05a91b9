// Shared paths and loaders of the docs tests. Everything about the APIs comes from the bundles.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApis, loadSpec } from '@mailapis/specs';

export const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(docsDir, 'dist');
export const samplesDir = join(docsDir, 'samples');
export const artifactsDir = join(docsDir, 'test-artifacts');

export function builtSite(): void {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${distDir} has no index.html: run "npm run build" in docs/ (turbo runs it before the tests)`);
  }
}

export const apis = listApis().map((entry) => ({ entry, name: entry.name, doc: loadSpec(entry.name) }));

/** The document the reference page renders: the bundle plus x-codeSamples, as downloaded from the site. */
export function documentedSpec(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(distDir, 'downloads', `${name}.openapi.with-code-samples.json`), 'utf8'));
}

/** The definition Redoc hydrates from, read out of the built reference page. */
export function embeddedDefinition(name: string): Record<string, any> {
  const html = readFileSync(join(distDir, name, 'index.html'), 'utf8');
  const match = /const __redoc_definition = (.*);\n/.exec(html);
  if (!match?.[1]) throw new Error(`${name}/index.html embeds no Redoc definition`);
  return JSON.parse(match[1]);
}
