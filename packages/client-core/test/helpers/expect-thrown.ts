/**
 * Runs `fn`, asserts that it throws (synchronously) an instance of `Expected` and returns it. The class
 * is passed in because a client's tests see `RequestValidationError` through the built client-core,
 * a different class object from `src/errors.ts`.
 */
import { expect } from 'vitest';

export function expectThrown<T extends Error>(fn: () => unknown, Expected: abstract new (...args: never[]) => T): T {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Expected);
    return error as T;
  }
  throw new Error(`expected a ${Expected.name}`);
}
