#!/usr/bin/env node
// Sums every vitest JSON report (<package>/test-results/vitest.json) in the workspace
// and prints one plain line: "N passed, N failed" (", N skipped" when any were skipped).
// Exits 1 when a test failed, a suite failed to load, or no report was found.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const packageDirs = workspaces.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return [join(root, pattern)];
  const parent = join(root, pattern.slice(0, -2));
  if (!existsSync(parent)) return [];
  return readdirSync(parent, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(parent, d.name));
});

let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
for (const dir of packageDirs) {
  const file = join(dir, 'test-results', 'vitest.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  reports += 1;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A test file that failed to load has no tests in it but must still count as a failure.
  failed += report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
}
if (reports === 0) {
  console.error('no vitest report found: did the tests run?');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
