#!/usr/bin/env node
// Bundles every API declared in redocly.yaml into single-file documents:
//   specs/dist/<api>.openapi.yaml and specs/dist/<api>.openapi.json
// plus specs/dist/apis.json, an index of what was built that other packages read.
// Run from anywhere: `npm run build -w @mailapis/specs` (turbo runs it as specs#build).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(join(process.cwd(), 'package.json'));
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(root, 'specs', 'dist');
const redocly = require.resolve('@redocly/cli/bin/cli.js');
const config = parse(readFileSync(join(root, 'redocly.yaml'), 'utf8'));

mkdirSync(distDir, { recursive: true });
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const index = [];
for (const [alias, { root: source }] of Object.entries(config.apis)) {
  const name = alias.split('@')[0];
  for (const ext of ['yaml', 'json']) {
    const out = join(distDir, `${name}.openapi.${ext}`);
    try {
      execFileSync(process.execPath, [redocly, 'bundle', alias, '--config', join(root, 'redocly.yaml'), '--output', out], {
        cwd: root,
        env,
        stdio: 'pipe',
      });
    } catch (error) {
      process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
      throw new Error(`redocly bundle failed for ${alias}`);
    }
  }
  const doc = JSON.parse(readFileSync(join(distDir, `${name}.openapi.json`), 'utf8'));
  index.push({
    name,
    alias,
    source: relative(join(root, 'specs'), join(root, source)),
    title: doc.info.title,
    version: doc.info.version,
    json: `${name}.openapi.json`,
    yaml: `${name}.openapi.yaml`,
  });
  console.log(`bundled ${alias} -> specs/dist/${name}.openapi.{yaml,json}`);
}
writeFileSync(join(distDir, 'apis.json'), `${JSON.stringify(index, null, 2)}\n`);
