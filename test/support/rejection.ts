import { expect } from 'vitest';
import { StationError } from '../../app/domain/errors';

/** The StationError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<StationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StationError);
  return error as StationError;
}
