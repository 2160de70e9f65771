import assert from 'node:assert/strict';
import { addToHistory, HistoryEntry } from '../../src/core/explore/history';
import { rerunPlan } from '../../src/core/explore/rerunPlan';

/** An entry as History keeps it (through the same privacy filter as a real send). */
function kept(entry: Partial<HistoryEntry>): HistoryEntry {
  return addToHistory([], { id: '1', sessionId: 'c1', method: 'POST', path: '/Accounts', at: 0, ...entry })[0];
}

describe('Re-running a History entry', () => {
  it('sends an entry whose body and query were kept as they were', () => {
    assert.deepEqual(rerunPlan(kept({ body: '{"name":"Acme"}', query: { max_num: '5' } })), {
      kind: 'send',
      method: 'POST',
      path: '/Accounts',
      query: { max_num: '5' },
      body: { name: 'Acme' },
    });
  });

  it('does not send an entry whose credential body was dropped: it opens it to be filled in, and says why', () => {
    const plan = rerunPlan(kept({ method: 'PUT', path: '/me/password', body: '{"old_password":"Old-pw-1","new_password":"New-pw-2"}' }));
    assert.equal(plan.kind, 'edit');
    assert.equal(plan.path, '/me/password');
    assert.match(plan.kind === 'edit' ? plan.why : '', /body of PUT \/me\/password was not kept in History \(it carried credentials\).*fill it in/);
  });

  it('does not send an entry whose body was too large to keep', () => {
    const plan = rerunPlan(kept({ body: JSON.stringify({ description: 'x'.repeat(70_000) }) }));
    assert.equal(plan.kind, 'edit');
    assert.match(plan.kind === 'edit' ? plan.why : '', /larger than 64 KB/);
  });

  it('does not send masked credential parameters as •••: the request line keeps the rest of the query', () => {
    const plan = rerunPlan(kept({ method: 'GET', path: '/Accounts', query: { api_key: 'K3y-value-9', max_num: '5' } }));
    assert.equal(plan.kind, 'edit');
    assert.equal(plan.path, '/Accounts?api_key=•••&max_num=5');
    assert.match(plan.kind === 'edit' ? plan.why : '', /credential parameters .* masked/);
  });
});
