import { packageTestConfig } from '../../vitest.shared.ts';

// Tests inside a file run in order: the coverage gate at the end of test/contract.test.ts must run
// after the whole contract table, so shuffling and in-file concurrency stay off.
export default packageTestConfig({ test: { sequence: { shuffle: false, concurrent: false } } });
