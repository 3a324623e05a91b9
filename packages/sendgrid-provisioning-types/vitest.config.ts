import { packageTestConfig } from '../../vitest.shared.ts';

// typecheck mode runs test/**/*.test-d.ts through tsc, so type assertions and @ts-expect-error lines count as tests.
export default packageTestConfig({
  test: { typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' } },
});
