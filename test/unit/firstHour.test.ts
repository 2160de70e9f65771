// Issue 11 (items 1, 2, 5, 13): the pure parts behind the workbench fixes: telling a caller's
// argument from a tree row, which connections share a server session, naming the connection whose
// login replaced a session, the words a connection row's menu matches, the users list for sudo.
import assert from 'node:assert/strict';
import { sharesServerSession } from '../../src/core/session/sharedSession';
import { usersFromAnswer } from '../../src/core/sugar/userList';
import { isConnectionArgument } from '../../src/vscode/commands/connectionInput';
import { ConnectionNode, SudoNode } from '../../src/vscode/tree/nodes';
import { connectionContext } from '../../src/vscode/tree/rowContext';
import type { SessionState } from '../../src/core/session/sessionState';
import type { ProfileSummary } from '../../src/core/profiles/profileStore';
import { rejects } from '../support/assertions';
import { makeWorld, needsSimulator, World } from '../support/world';

describe('first hour: arguments, shared sessions, row menus, user list', () => {
  it('a tree row (clicked or focused) is not an argument object; a caller\'s object is', () => {
    const node = new ConnectionNode({ id: 'x', name: 'X' } as ProfileSummary);
    assert.equal(isConnectionArgument(node), false);
    assert.equal(isConnectionArgument(new SudoNode('x', { id: 'x/sudo/jim', userName: 'jim', accessExpiresAt: 0, expired: false })), false);
    assert.equal(isConnectionArgument([node]), false);
    assert.equal(isConnectionArgument({ name: 'A', instanceUrl: 'http://a', username: 'u' }), true);
  });

  it('one session per instance, user (any case) and platform', () => {
    const a = { instanceUrl: 'https://crm.example.com/', username: 'Admin', platform: 'custom_api' };
    assert.equal(sharesServerSession(a, { instanceUrl: 'https://CRM.example.com', username: 'admin', platform: 'custom_api' }), true);
    assert.equal(sharesServerSession(a, { ...a, platform: 'opi' }), false);
    assert.equal(sharesServerSession(a, { ...a, username: 'jim' }), false);
    assert.equal(sharesServerSession(a, { ...a, instanceUrl: 'https://other.example.com' }), false);
  });

  it('a connection row offers Log In only logged out, Sudo only on an admin session', () => {
    const base: SessionState = { connectionId: 'x', status: 'active', sudo: [], accessExpiresAt: 1 };
    assert.equal(connectionContext({ ...base, user: { id: '1', userName: 'admin', isAdmin: true } }, true), 'connection loggedIn active admin');
    assert.equal(connectionContext({ ...base, user: { id: '2', userName: 'jim', isAdmin: false } }, false), 'connection loggedIn notActive');
    assert.equal(connectionContext({ connectionId: 'x', status: 'loggedOut', sudo: [], user: { id: '1', userName: 'admin', isAdmin: true } }, false), 'connection loggedOut notActive');
  });

  it('reads users from /Users records, skipping what is not a user name, and bounds the list', () => {
    const json = { records: [{ user_name: 'jim', full_name: 'Jim Brennan' }, { user_name: '' }, { full_name: 'nobody' }, null, { user_name: 'sally', full_name: 7 }] };
    assert.deepEqual(usersFromAnswer(json), [{ label: 'jim', description: 'Jim Brennan' }, { label: 'sally', description: undefined }]);
    assert.deepEqual(usersFromAnswer({ records: 'no' }), []);
    assert.deepEqual(usersFromAnswer(undefined), []);
    const many = { records: Array.from({ length: 500 }, (_, i) => ({ user_name: `u${i}` })) };
    assert.equal(usersFromAnswer(many).length, 200);
  });

  describe('a session replaced by one of our own connections', () => {
    let world: World | undefined;
    afterEach(async () => {
      await world?.close();
      world = undefined;
    });

    it('names the connection whose login replaced it instead of "somewhere else"', async function () {
      needsSimulator(this, 'two logins with the same user and platform on the simulator');
      world = await makeWorld({ profile: { name: 'First' } });
      const { engine, connectionId } = world;
      const second = await world.addConnection({ name: 'Second' });
      await engine.login(connectionId);
      await engine.login(second);
      const error = await rejects(engine.request(connectionId, { method: 'GET', path: '/ping' }));
      assert.match(error.message, /replaced by the login of the connection "Second" \(same user admin and platform custom_api/);
      assert.equal(engine.state(connectionId).status, 'endedElsewhere');
      assert.match(engine.state(connectionId).endedExplanation ?? '', /"Second"/);
      assert.equal(engine.state(second).status, 'active');
    });

    it('a connection on another platform is not blamed', async function () {
      needsSimulator(this, 'logs the user in elsewhere through the simulator');
      world = await makeWorld({ profile: { name: 'First' } });
      const { engine, connectionId, sim } = world;
      const other = await world.addConnection({ name: 'Portal', platform: 'opi' });
      await engine.login(connectionId);
      await engine.login(other);
      await sim!.loginElsewhere('admin', 'custom_api');
      const error = await rejects(engine.request(connectionId, { method: 'GET', path: '/ping' }));
      assert.match(error.message, /somewhere else/);
    });
  });
});
