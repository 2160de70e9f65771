/**
 * SessionEngine.clearError: an edit of the connection makes its last failure stale (issue 11,
 * item 6: the row kept saying "error" after the address was fixed).
 */
import assert from 'node:assert/strict';
import type { SessionState } from '../../src/core/session/sessionState';
import { rejects } from '../support/assertions';
import { makeWorld, needsSimulator, World } from '../support/world';

describe('SessionEngine.clearError', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('forgets the last failure and tells the listeners; the state is what it was before the failure', async function () {
    needsSimulator(this, 'uses a wrong password on purpose');
    world = await makeWorld();
    const { engine, connectionId } = world;
    await rejects(engine.login(connectionId, { password: 'wrong' }));
    assert.equal(engine.state(connectionId).status, 'error');
    const seen: SessionState[] = [];
    const listening = engine.onDidChange((state) => seen.push(state));
    engine.clearError(connectionId);
    listening.dispose();
    assert.equal(engine.state(connectionId).status, 'loggedOut');
    assert.equal(engine.state(connectionId).error, undefined);
    assert.deepEqual(seen.map((s) => s.status), ['loggedOut']);
    engine.clearError(connectionId); // nothing to clear: no event, no throw
    engine.clearError('no-such-connection');
  });
});
