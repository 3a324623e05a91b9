// The bundled OpenAPI documents this package ships: the build copies every `specs/dist/<api>.openapi.json`
// of the version it was built from, plus a manifest (`apis.json`), into `dist/specs/`. They are read
// from there, relative to this module, so an installed package needs nothing from the repository.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One entry of `dist/specs/apis.json`. */
export interface BundledApi {
  /** e.g. `sendgrid-provisioning`. */
  name: string;
  title: string;
  version: string;
  /** File name of the document inside `dist/specs/`. */
  json: string;
}

export type OpenApiDocument = Record<string, any>;

declare const __dirname: string | undefined;

/** Folder of this module: the real `__dirname` in the CJS build (no URL round trip), else from `import.meta.url`. */
const moduleDir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

let cachedDir: string | undefined;

/** Absolute path of the shipped documents: `specs/` next to the built module, or `dist/specs/` seen from `src/`. */
export function bundledSpecsDir(): string {
  if (cachedDir !== undefined) return cachedDir;
  const candidates = [join(moduleDir, 'specs'), join(moduleDir, '..', 'dist', 'specs')];
  const found = candidates.find((dir) => existsSync(join(dir, 'apis.json')));
  if (found === undefined) {
    throw new Error(
      `@mailapis/mock ships no bundled documents (looked for ${candidates.map((d) => join(d, 'apis.json')).join(', ')})`,
    );
  }
  cachedDir = found;
  return found;
}

/** Every API whose document this package ships. */
export function listBundledApis(): BundledApi[] {
  return JSON.parse(readFileSync(join(bundledSpecsDir(), 'apis.json'), 'utf8')) as BundledApi[];
}

/** The shipped document of one API; a fresh copy on every call. */
export function loadBundledSpec(name: string): OpenApiDocument {
  const apis = listBundledApis();
  const entry = apis.find((api) => api.name === name);
  if (!entry) throw new Error(`Unknown API "${name}". Known: ${apis.map((api) => api.name).join(', ')}`);
  return JSON.parse(readFileSync(join(bundledSpecsDir(), entry.json), 'utf8')) as OpenApiDocument;
}
