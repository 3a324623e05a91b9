// Shared vitest settings for every workspace package: each package's vitest.config.ts
// calls this so that every run also writes test-results/vitest.json (read by
// scripts/test-summary.mjs to print the CI's "N passed, N failed" line).
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

export function packageTestConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  return mergeConfig(
    defineConfig({
      test: {
        include: ['test/**/*.test.ts'],
        reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
        testTimeout: 20_000,
      },
    }),
    overrides,
  );
}
