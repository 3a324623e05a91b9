import { packageTestConfig } from '../../vitest.shared.ts';

// Packing once for all test files happens in the global setup; npm install and tsc runs are slow, hence the timeouts.
export default packageTestConfig({
  test: { globalSetup: ['test/support/global-setup.ts'], testTimeout: 240_000, hookTimeout: 240_000 },
});
