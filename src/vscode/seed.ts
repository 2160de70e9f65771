import { readFile } from 'node:fs/promises';
import { createProfile } from '../core/profiles/profile';
import type { Services } from './services';

interface SeedFile {
  connections?: Array<Parameters<typeof createProfile>[0]>;
  /** The name of the connection to make active. */
  active?: string;
}

/**
 * `npm start` and the host tests hand over ready connections through SUGAR_EXPLORER_SEED_FILE,
 * so nobody types a password into the demo. Connections whose name exists already are left alone.
 */
export async function seedConnections(services: Services, file: string | undefined): Promise<void> {
  if (!file) return;
  let seed: SeedFile;
  try {
    seed = JSON.parse(await readFile(file, 'utf8')) as SeedFile;
  } catch (error) {
    services.log.warn(`Could not read the seed file ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  for (const input of seed.connections ?? []) {
    if (await services.profiles.findByName(input.name)) continue;
    const { profile, issues } = createProfile({ rememberPassword: input.password !== undefined, ...input });
    if (issues.some((issue) => issue.severity === 'error')) {
      services.log.warn(`Seed connection ${input.name} skipped: ${issues.map((issue) => issue.message).join(' ')}`);
      continue;
    }
    try {
      await services.profiles.add(profile);
    } catch (error) {
      // A locked keyring or data the store keeps aside: activation goes on without the seed.
      services.log.warn(`Seed connection ${input.name} not added: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    services.log.info(`Added the seeded connection ${profile.name}.`);
  }
  const active = seed.active ? await services.profiles.findByName(seed.active) : undefined;
  if (active && !services.active.id) await services.active.set(active.id);
}
