import assert from 'node:assert/strict';
import { SugarError } from '../../src/core/sugar/errors';

/** The SugarError a promise rejects with; fails the test when it resolves or throws anything else. */
export async function rejects(promise: Promise<unknown>): Promise<SugarError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SugarError, `expected a SugarError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}
