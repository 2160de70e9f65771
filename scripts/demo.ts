/**
 * README's first line until the VS Code UI lands: starts the built-in Sugar simulator (or uses
 * SUGAR_URL) and walks through what the extension does for a user, printing each step.
 */
import { createProfile } from '../src/core/profiles/profile';
import { MemoryCache, ProfileConnections } from '../src/core/profiles/profileConnections';
import { ProfileStore } from '../src/core/profiles/profileStore';
import { systemClock, Logger } from '../src/core/ports';
import { SessionEngine } from '../src/core/session/sessionEngine';
import type { SessionState } from '../src/core/session/sessionState';
import { SugarClient } from '../src/core/sugar/client';
import { SugarError } from '../src/core/sugar/errors';
import { UndiciHttpDispatcher } from '../src/core/sugar/http';
import { startSimulator } from '../test/sim/index';
import { MemorySecretStore } from '../test/support/stores';

const step = (text: string): void => console.log(`\n▸ ${text}`);
const show = (text: string): void => console.log(`  ${text}`);
const mask = (token: string): string => `${token.slice(0, 4)}…(${token.length} chars)`;
const minutes = (at: number | undefined): string => (at ? `${Math.round((at - Date.now()) / 60_000)} min` : '-');

function describe(state: SessionState): string {
  const who = state.user ? `${state.user.fullName ?? state.username}${state.user.isAdmin ? ' (admin)' : ''}` : state.username;
  return `${state.status}${who ? ` as ${who}` : ''}${state.platform ? ` on ${state.platform}` : ''}; access expires in ${minutes(state.accessExpiresAt)}, refresh in ${minutes(state.refreshExpiresAt)}`;
}

/** Prints the engine's own lines; request lines only with --verbose, or the burst below floods the screen. */
const verbose = process.argv.includes('--verbose');
const print = (message: string): void => {
  if (verbose || !/^(GET|POST|PUT|PATCH|DELETE) \//.test(message)) console.log(`  log: ${message}`);
};
const quietLogger: Logger = { trace() {}, debug() {}, info: print, warn: print, error: print };

async function main(): Promise<void> {
  const liveUrl = process.env.SUGAR_URL;
  const sim = liveUrl ? undefined : await startSimulator({ quiet: true });
  const url = liveUrl ?? sim!.url;
  step(liveUrl ? `Using the instance at ${url}` : `Started the built-in Sugar simulator at ${url} (HTTPS: ${sim!.httpsUrl})`);

  const store = new MemorySecretStore();
  const profiles = new ProfileStore(store);
  const http = new UndiciHttpDispatcher();
  const client = new SugarClient(http, quietLogger);
  const connections = new ProfileConnections(profiles, client, new MemoryCache());
  const engine = new SessionEngine({ store, clock: systemClock, logger: quietLogger, client, connections });

  const pasted = liveUrl ?? `  ${url.toUpperCase().replace('HTTP://', '')}/rest/v11_4/#Home `;
  const { profile, issues } = createProfile({
    name: 'Demo',
    instanceUrl: pasted,
    username: process.env.SUGAR_USERNAME ?? 'admin',
    password: process.env.SUGAR_PASSWORD ?? 'admin',
    rememberPassword: true,
    platform: process.env.SUGAR_PLATFORM,
    apiVersion: process.env.SUGAR_API_VERSION ?? 'auto',
  });
  await profiles.add(profile);
  step(`Connection profile from the pasted URL ${JSON.stringify(pasted)}`);
  show(`understood as ${profile.instanceUrl}, platform ${profile.platform}, client id ${profile.clientId}, API version ${profile.apiVersion}`);
  for (const issue of issues) show(`${issue.severity}: ${issue.message}`);

  step('Learning the highest API version (one request, no login)');
  const resolved = await connections.resolve(profile.id);
  show(`the instance offers up to ${resolved.target.apiVersion}`);

  step('Logging in');
  await engine.login(profile.id);
  await engine.loadUser(profile.id);
  show(describe(engine.state(profile.id)));
  show(`access token ${mask(await engine.accessToken(profile.id))}`);

  step('GET /Accounts?max_num=3');
  const accounts = await engine.request(profile.id, { method: 'GET', path: '/Accounts', query: { max_num: 3, fields: 'name' } });
  const records = (accounts.json as { records?: Array<{ name: string }> }).records ?? [];
  show(`HTTP ${accounts.status} in ${Math.round(accounts.timeMs)} ms: ${records.map((r) => r.name).join(', ')}`);

  if (sim) {
    step('The access token expires on the server; 50 requests go out at once');
    sim.resetCounters();
    sim.expireAccessTokens();
    const answers = await Promise.all(Array.from({ length: 50 }, () => engine.request(profile.id, { method: 'GET', path: '/ping' })));
    show(`${answers.filter((a) => a.status === 200).length} of 50 succeeded; the simulator saw ${sim.counters.refreshesIssued} refresh and ${sim.counters.refreshesRejected} rejected`);
  } else {
    step('Refreshing the session');
    await engine.refresh(profile.id);
    show(describe(engine.state(profile.id)));
  }

  const sudoUser = process.env.SUGAR_SUDO_USER ?? (sim ? 'jim' : undefined);
  if (sudoUser) {
    step(`Sudo as ${sudoUser}`);
    const sudo = await engine.sudo(profile.id, sudoUser);
    const me = await engine.request(sudo.id, { method: 'GET', path: '/me' });
    const current = (me.json as { current_user?: { full_name?: string; user_name?: string } }).current_user;
    show(`GET /me as ${sudo.id}: ${current?.full_name ?? current?.user_name}`);
  }

  if (sim) {
    step('Someone logs in as admin on the same platform elsewhere');
    await sim.loginElsewhere('admin', profile.platform);
    try {
      await engine.request(profile.id, { method: 'GET', path: '/me' });
    } catch (error) {
      show(`${(error as SugarError).message}`);
      show(`state: ${engine.state(profile.id).status}`);
    }
    step('Logging in again');
    await engine.login(profile.id);
    await engine.loadUser(profile.id);
    show(describe(engine.state(profile.id)));
  }

  step('Logging out (the admin session and its sudo sessions)');
  const result = await engine.logout(profile.id);
  show(`${result.state.status}${result.alreadyEnded ? ' (it had already ended on the server)' : ''}`);

  await http.close();
  await sim?.close();
  console.log('\nDone. `npm run sim` keeps a simulator running for your own curl or Postman experiments.');
}

main().catch((error: unknown) => {
  console.error(error instanceof SugarError ? `✖ ${error.message}` : error);
  process.exit(1);
});
