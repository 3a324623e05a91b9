import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The build (run before tests) must not depend on Node: only fetch, URL, AbortController, Headers, timers.
const files = ['dist/index.js', 'dist/index.cjs'].map(
  (f) => [f, readFileSync(new URL(`../${f}`, import.meta.url), 'utf8')] as const,
);

describe('runtime-neutral build', () => {
  it.each(files)('%s imports nothing and uses no Node globals', (_name, code) => {
    expect(code).not.toMatch(/\bfrom\s+['"]/);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/node:/);
    expect(code).not.toMatch(/\b(process|Buffer|__dirname|setImmediate)\b/);
  });
});
