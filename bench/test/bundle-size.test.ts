// The size budget of the issue: each client entry point, bundled for the browser with esbuild (minified,
// gzip) with everything it imports, stays within 5 kB gzip: the main entry (the typed methods, which do not
// use openapi-fetch) and ./raw (the typed openapi-fetch client, openapi-fetch included). A real esbuild build
// of the built packages (dist/).
import { describe, expect, it } from 'vitest';
import { BUNDLE_TARGETS, GZIP_BUDGET_BYTES, measureBundle } from '../src/bundle-size.mjs';

const budgeted = BUNDLE_TARGETS.filter((t) => t.budget);

describe('browser bundle budget', () => {
  it('covers both clients', () => {
    expect(budgeted.map((t) => t.id)).toEqual([
      '@mailapis/sendgrid-provisioning-client',
      '@mailapis/qboxmail-delivery-client',
      '@mailapis/sendgrid-provisioning-client/raw (openapi-fetch included)',
      '@mailapis/qboxmail-delivery-client/raw (openapi-fetch included)',
    ]);
    expect(GZIP_BUDGET_BYTES).toBe(5000);
  });

  for (const target of budgeted) {
    it(`${target.id} bundles for the browser within ${GZIP_BUDGET_BYTES} bytes gzip`, async () => {
      const result = await measureBundle(target);
      expect(result.error).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(result.platform).toBe('browser');
      expect(result.gzipBytes).toBeGreaterThan(0);
      expect(result.gzipBytes).toBeLessThanOrEqual(GZIP_BUDGET_BYTES);
    });
  }

  it('the main entry does not ship openapi-fetch; ./raw does', async () => {
    const [main, raw] = await Promise.all(
      ['@mailapis/sendgrid-provisioning-client', '@mailapis/sendgrid-provisioning-client/raw (openapi-fetch included)'].map(
        (id) => measureBundle({ ...budgeted.find((t) => t.id === id)!, external: ['openapi-fetch'], budget: false }),
      ),
    );
    const full = await measureBundle(budgeted[0]!);
    // Marking openapi-fetch external changes nothing for the main entry, and shrinks ./raw.
    expect(main!.gzipBytes).toBe(full.gzipBytes);
    const rawFull = await measureBundle(budgeted[2]!);
    expect(raw!.gzipBytes).toBeLessThan(rawFull.gzipBytes! - 1500);
  });

  it('reports a package that cannot be bundled for the browser as a failure, not a size', async () => {
    const result = await measureBundle({ id: 'node-only', entry: "export { readFileSync } from 'node:fs';" });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/node:fs/);
  });
});
