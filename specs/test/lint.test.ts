import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

function lint(...targets: string[]) {
  const run = spawnSync(
    process.execPath,
    [redocly, 'lint', ...targets, '--config', join(repoRoot, 'redocly.yaml'), '--format=json'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  // One JSON report per linted API, concatenated: split them at top-level boundaries.
  const reports = run.stdout
    .slice(run.stdout.indexOf('{'))
    .split(/\n(?=\{)|(?<=\})(?=\{)/)
    .map((chunk) => JSON.parse(chunk) as { problems: { ruleId: string; severity: string }[] });
  return { status: run.status, reports: reports.length, problems: reports.flatMap((r) => r.problems) };
}

describe('redocly lint', () => {
  it('reports zero problems on both APIs', () => {
    const result = lint();
    expect(result.reports).toBe(2);
    expect(result.problems).toEqual([]);
    expect(result.status).toBe(0);
  }, 60_000);

  it('rejects a deliberately broken document, naming the rules it breaks', () => {
    const result = lint(join(here, 'fixtures', 'broken', 'openapi.yaml'));
    expect(result.status).not.toBe(0);
    const rules = new Set(result.problems.map((p) => p.ruleId));
    for (const rule of [
      'rule/operationId-camel-case',
      'rule/operation-has-tag',
      'rule/operation-has-4xx',
      'rule/request-body-has-example',
      'no-invalid-media-type-examples',
      'no-unused-components',
      'no-server-example.com',
      'info-license',
      'security-defined',
      'operation-summary',
      'mailapis/mock-extension',
    ]) {
      expect(rules, `expected ${rule} in ${[...rules].join(', ')}`).toContain(rule);
    }
    expect(result.problems.every((p) => p.severity === 'error')).toBe(true);
    const mockProblems = result.problems.filter((p) => p.ruleId === 'mailapis/mock-extension');
    expect(mockProblems.map((p: any) => p.message)).toEqual([expect.stringContaining('thingId')]);
  }, 60_000);
});
