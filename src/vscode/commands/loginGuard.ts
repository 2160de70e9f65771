import vscode = require('vscode');
import type { Profile } from '../../core/profiles/profile';
import { sharesServerSession } from '../../core/session/sharedSession';
import { hasTokens } from '../../core/session/sessionState';
import { cancelledError } from '../../core/sugar/errors';
import type { Services } from '../services';

/** The other connections whose live session a login (or check) of `profile` would end on the server. */
export async function sessionsEndedBy(services: Services, profile: Profile): Promise<Array<{ id: string; name: string }>> {
  const rivals: Array<{ id: string; name: string }> = [];
  for (const other of await services.profiles.list()) {
    if (other.id === profile.id || !sharesServerSession(other, profile)) continue;
    if (hasTokens(await services.engine.load(other.id))) rivals.push({ id: other.id, name: other.name });
  }
  return rivals;
}

/**
 * Sugar keeps one session per user and platform: before a login that ends another connection's
 * live session, says which and asks. Cancels when the user does not go on.
 */
export async function confirmEndingOthers(services: Services, profile: Profile, what: 'login' | 'check'): Promise<void> {
  const rivals = await sessionsEndedBy(services, profile);
  if (rivals.length === 0) return;
  const names = rivals.map((rival) => `"${rival.name}"`).join(', ');
  const verb = what === 'login' ? `Logging in to ${profile.name}` : `Checking ${profile.name} (it logs in)`;
  const button = what === 'login' ? 'Log In Anyway' : 'Check Anyway';
  const choice = await vscode.window.showWarningMessage(
    `${verb} ends the session of ${names}.`,
    {
      modal: true,
      detail: `Sugar keeps one session per user and platform: ${profile.username} on platform ${profile.platform} at ${profile.instanceUrl} is logged in through ${names}. Use another platform for one of them to keep both.`,
    },
    button,
  );
  if (choice !== button) throw cancelledError();
}
