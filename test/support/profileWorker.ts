/**
 * One "VS Code window" in its own process: a ProfileStore over the shared file store and file
 * lock. The parent test drives two of them over IPC so that they change connections at once.
 */
import { createProfile } from '../../src/core/profiles/profile';
import { ProfileStore } from '../../src/core/profiles/profileStore';
import { FileLock } from '../../src/core/session/fileLock';
import { SecretRecords } from '../../src/core/store/secretRecords';
import type { SecretStore } from '../../src/core/ports';
import { FileSecretStore } from './stores';

export type ProfileCommand =
  | { op: 'add'; name: string; password: string }
  | { op: 'update'; id: string; changes: { name?: string; password?: string } }
  | { op: 'remove'; id: string }
  | { op: 'exit' };

export interface ProfileReply {
  ok: boolean;
  id?: string;
  error?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** SecretStorage is a round trip to VS Code's main process (and the keyring): a few ms each. */
function withLatency(store: SecretStore, ms: number): SecretStore {
  return {
    get: async (key) => (await sleep(ms), store.get(key)),
    store: async (key, value) => (await sleep(ms), store.store(key, value)),
    delete: async (key) => (await sleep(ms), store.delete(key)),
  };
}

const [storeDir, lockDir] = process.argv.slice(2);
const store = withLatency(new FileSecretStore(storeDir), 3);
const profiles = new ProfileStore(store, new SecretRecords(store, new FileLock(lockDir, { pollMs: 2 })));

async function handle(command: ProfileCommand): Promise<ProfileReply> {
  switch (command.op) {
    case 'add': {
      const { profile } = createProfile({ name: command.name, instanceUrl: 'https://sugar.example.com', username: 'u', password: command.password, rememberPassword: true });
      await profiles.add(profile);
      return { ok: true, id: profile.id };
    }
    case 'update':
      await profiles.update(command.id, command.changes);
      return { ok: true, id: command.id };
    case 'remove':
      await profiles.remove(command.id);
      return { ok: true, id: command.id };
    case 'exit':
      return { ok: true };
  }
}

process.on('message', (command: ProfileCommand) => {
  if (command.op === 'exit') process.exit(0);
  handle(command).then(
    (reply) => process.send!(reply),
    (error: unknown) => process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.send!({ ok: true });
