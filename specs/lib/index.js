// Entry point of @mailapis/specs: where the bundled OpenAPI documents are and how to load them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the folder holding the bundled documents (`npm run build` writes it). */
export const distDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** @returns {import('./index.js').ApiEntry[]} every bundled API, as listed in dist/apis.json */
export function listApis() {
  return JSON.parse(readFileSync(join(distDir, 'apis.json'), 'utf8'));
}

/** Absolute path of one bundled document. */
export function specPath(name, format = 'json') {
  const entry = listApis().find((api) => api.name === name);
  if (!entry)
    throw new Error(
      `Unknown API "${name}". Known: ${listApis()
        .map((a) => a.name)
        .join(', ')}`,
    );
  return join(distDir, format === 'yaml' ? entry.yaml : entry.json);
}

/** The parsed bundled (JSON) document of one API; a fresh copy on every call. */
export function loadSpec(name) {
  return JSON.parse(readFileSync(specPath(name, 'json'), 'utf8'));
}
