// publint and arethetypeswrong on the tarballs npm would publish: zero problems of any level.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dataEntryPoints, publicPackages } from './support/workspace.ts';

const require = createRequire(import.meta.url);
const attwPackageJson = require.resolve('@arethetypeswrong/cli/package.json');
const attwBin = join(dirname(attwPackageJson), (require(attwPackageJson) as { bin: { attw: string } }).bin.attw);
const tarballs = inject('tarballs');
const scratch = mkdtempSync(join(tmpdir(), 'mailapis-attw-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(publicPackages())('$name', ({ name, manifest }) => {
  it('was packed', () => {
    expect(Object.keys(tarballs)).toContain(name);
  });

  it('declares what a partner relies on: MIT, Node >= 20.19, no side effects, exact dependency versions', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.exports['./package.json']).toBe('./package.json');
    for (const [dependency, version] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      expect(`${dependency}@${version}`).toMatch(/@\d+\.\d+\.\d+$/);
    }
  });

  it('ships README.md, LICENSE and built files only (no sources, tests or configs)', () => {
    const files = execFileSync('tar', ['-tzf', tarballs[name]!], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((file) => file.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    const unexpected = files.filter(
      (file) =>
        /^(src|test|scripts)\//.test(file) || /(^|\/)(tsconfig[^/]*|vitest\.config\.ts|tsup\.config\.ts|turbo\.json)$/.test(file),
    );
    expect(unexpected).toEqual([]);
  });

  it('publint (strict, suggestions included) reports nothing', async () => {
    const tarball = readFileSync(tarballs[name]!);
    const { messages } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((m) => `${m.type} ${m.code} at ${m.path.join('.')}`)).toEqual([]);
  });

  it('arethetypeswrong reports no problem for any entry point under node10, node16 (CJS and ESM) and bundler', () => {
    // Data files (the OpenAPI YAML) are not modules, so attw cannot resolve them; the install test
    // resolves them with require.resolve instead.
    const excluded = dataEntryPoints(manifest);
    const out = join(scratch, `${name.replace('/', '__')}.json`);
    // attw's JSON is large; a file (not a pipe) makes sure none of it is lost when attw exits.
    const fd = openSync(out, 'w');
    const result = spawnSync(
      process.execPath,
      [attwBin, tarballs[name]!, '--format', 'json', ...(excluded.length ? ['--exclude-entrypoints', ...excluded] : [])],
      { stdio: ['ignore', fd, 'pipe'], timeout: 120_000, encoding: 'utf8' },
    );
    closeSync(fd);
    expect(result.stderr).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8')) as { analysis: { problems: unknown[]; entrypoints: object } };
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(
      Object.keys(manifest.exports)
        .filter((entry) => !excluded.includes(entry))
        .sort(),
    );
    expect(result.status).toBe(0);
  });
});
