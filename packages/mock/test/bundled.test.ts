// The package ships its own copy of the bundled documents (dist/specs) and reads only those at runtime,
// so an installed tarball needs nothing from the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listApis, loadSpec } from '@mailapis/specs';
import { describe, expect, it } from 'vitest';
import { bundledSpecsDir, listBundledApis, loadBundledSpec } from '../src/bundled.ts';
import { loadMockApis } from '../src/index.ts';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('shipped documents', () => {
  it('dist/specs holds every bundled API of specs/dist, byte for byte, and a manifest of them', () => {
    expect(bundledSpecsDir()).toBe(`${dist}specs`);
    const apis = listApis();
    expect(listBundledApis()).toEqual(apis.map(({ name, title, version, json }) => ({ name, title, version, json })));
    expect(readdirSync(`${dist}specs`).sort()).toEqual(['apis.json', ...apis.map((api) => api.json)].sort());
    for (const { name } of apis) expect(loadBundledSpec(name)).toEqual(loadSpec(name));
  });

  it('an unknown API name is refused with the known names', () => {
    const known = listApis()
      .map((api) => api.name)
      .join(', ');
    expect(() => loadBundledSpec('nope')).toThrow(`Unknown API "nope". Known: ${known}`);
    expect(() => loadMockApis({ apis: ['nope'] })).toThrow(/^Unknown API "nope"/);
  });

  it('the built code imports nothing from @mailapis/specs (createSpecAjv is bundled); only ajv and ajv-formats', () => {
    const external = new Set<string>();
    for (const file of readdirSync(dist).filter((f) => /\.(?:c?js)$/.test(f))) {
      const code = readFileSync(`${dist}${file}`, 'utf8');
      for (const m of code.matchAll(/(?:\bfrom\s+|\brequire\()["']([^"'.][^"']*)["']/g)) external.add(m[1]!);
    }
    const packages = [...external].filter((id) => !/^(?:node:)?(?:fs|path|url|http|util|events|net)$/.test(id));
    expect(packages.sort()).toEqual(['ajv-formats', 'ajv/dist/2020.js']);
  });
});
