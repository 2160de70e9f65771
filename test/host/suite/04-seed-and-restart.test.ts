// The demo seed (SUGAR_EXPLORER_SEED_FILE) and the first half of the restart check: the runner
// points the seed at its own simulator, which outlives this extension host; this suite logs the
// seeded connection in and hands hashes of its tokens to the restart phase
// (test/host/suite-restart), which runs in a new extension host on the same user data.
import * as assert from 'assert';
import * as fs from 'fs';
import {
  copied, currentUser, explorer, handoffFile, me, rememberSecret, run, sha256, type SessionState,
} from './helpers';

interface Seed {
  connections: Array<{ name: string; instanceUrl: string; username: string; password?: string; rememberPassword?: boolean; platform?: string }>;
  active?: string;
}

export function readSeed(): Seed | undefined {
  const file = process.env.SUGAR_EXPLORER_SEED_FILE;
  if (!file) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Seed;
}

describe('demo seed and restart (first phase)', () => {
  const seed = readSeed();

  before(function () {
    // Only the runner (scripts/run-host-tests) sets up a seed and a simulator that outlives the host.
    if (!seed || !process.env.SUGAR_HOST_SHARED_SIM_URL) this.skip();
  });

  it('the seed added each of its connections once, at activation', async () => {
    const api = await explorer();
    const list = await api.connections();
    for (const c of seed!.connections) {
      assert.strictEqual(list.filter((x) => x.name === c.name).length, 1, `seeded "${c.name}" is not listed exactly once: ${JSON.stringify(list.map((x) => x.name))}`);
      if (c.password) rememberSecret(c.password);
    }
  });

  it('logs the seeded connection in with its remembered password and hands over to the restart phase', async () => {
    const api = await explorer();
    const c = seed!.connections[0];
    const id = (await api.connections()).find((x) => x.name === c.name)!.id;
    const state = await run<SessionState>('sugar.login', id);
    assert.strictEqual(state.status, 'active');
    assert.strictEqual(state.username, c.username);
    const access = await copied('sugar.copyAccessToken', id);
    const refresh = await copied('sugar.copyRefreshToken', id);
    rememberSecret(access, refresh);
    assert.strictEqual(currentUser(await me(c.instanceUrl, access)), c.username);
    const counters = (await (await fetch(`${c.instanceUrl}/__sim/counters`)).json()) as { loginsIssued: number; refreshesIssued: number };
    fs.writeFileSync(handoffFile, JSON.stringify({
      name: c.name,
      id,
      username: c.username,
      accessTokenSha256: sha256(access),
      refreshTokenSha256: sha256(refresh),
      accessExpiresAt: state.accessExpiresAt,
      loginsIssued: counters.loginsIssued,
      refreshesIssued: counters.refreshesIssued,
    }, null, 2));
  });
});
