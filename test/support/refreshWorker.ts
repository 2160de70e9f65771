/**
 * One "VS Code window" in its own process: an engine over the shared file store and file lock.
 * The parent test drives it over IPC, so that two of them refresh at the same moment.
 */
import { MemoryCache, ProfileConnections } from '../../src/core/profiles/profileConnections';
import { ProfileStore } from '../../src/core/profiles/profileStore';
import { FileLock } from '../../src/core/session/fileLock';
import { SessionEngine } from '../../src/core/session/sessionEngine';
import { SugarClient } from '../../src/core/sugar/client';
import { UndiciHttpDispatcher } from '../../src/core/sugar/http';
import { TestClock } from './clock';
import { CapturingLogger } from './logger';
import { FileSecretStore } from './stores';

export type WorkerCommand =
  | { op: 'refresh' }
  | { op: 'expireAndRequest'; advanceSeconds: number }
  | { op: 'request' }
  | { op: 'exit' };

export interface WorkerReply {
  ok: boolean;
  status?: number;
  error?: string;
  token?: string;
}

// The fourth argument, when given, is the FileLock's options as JSON (a shorter stale time).
const [storeDir, lockDir, connectionId, lockOptions] = process.argv.slice(2);
const store = new FileSecretStore(storeDir);
const clock = new TestClock();
const logger = new CapturingLogger();
const http = new UndiciHttpDispatcher();
const client = new SugarClient(http, logger);
const engine = new SessionEngine({
  store,
  clock,
  logger,
  client,
  connections: new ProfileConnections(new ProfileStore(store), client, new MemoryCache()),
  lock: new FileLock(lockDir, JSON.parse(lockOptions ?? '{}')),
  fetchUserAfterLogin: false,
});

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  if (command.op === 'refresh') {
    await engine.refresh(connectionId);
  } else if (command.op === 'expireAndRequest') {
    clock.advance(command.advanceSeconds);
  }
  const answer = await engine.request(connectionId, { method: 'GET', path: '/ping' });
  return { ok: answer.status === 200, status: answer.status, token: await engine.accessToken(connectionId) };
}

process.on('message', (command: WorkerCommand) => {
  if (command.op === 'exit') {
    void http.close().then(() => process.exit(0));
    return;
  }
  handle(command).then(
    (reply) => process.send!(reply),
    (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.send!({ ok: true });
