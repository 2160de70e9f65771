import vscode = require('vscode');
import type { Profile } from '../../core/profiles/profile';
import type { ProfileSummary } from '../../core/profiles/profileStore';
import { describeSession } from '../../core/presentation/sessionText';
import { parseSessionRef } from '../../core/session/sessionState';
import { SugarError, cancelledError } from '../../core/sugar/errors';
import type { Services } from '../services';
import { ConnectionNode, SudoNode, isTreeNode } from '../tree/nodes';

function notFound(what: string): SugarError {
  return new SugarError({ kind: 'session', remedy: 'none', explanation: `There is no connection ${JSON.stringify(what)}.` });
}

/** A profile from a tree node, an id, a name, or (from the palette) the user's pick. */
export async function profileFrom(services: Services, arg: unknown, placeHolder: string): Promise<Profile> {
  if (isTreeNode(arg)) {
    const id = arg instanceof ConnectionNode ? arg.id : arg.connectionId;
    const profile = await services.profiles.get(id);
    if (!profile) throw notFound(id);
    return profile;
  }
  if (typeof arg === 'string') {
    const { connectionId } = parseSessionRef(arg);
    const profile = (await services.profiles.get(connectionId)) ?? (await services.profiles.findByName(arg));
    if (!profile) throw notFound(arg);
    return profile;
  }
  return pickProfile(services, placeHolder);
}

/** A connection or one of its sudo sessions: what copy and request commands act as. */
export async function sessionIdFrom(services: Services, arg: unknown, placeHolder: string): Promise<{ id: string; profile: Profile; label: string }> {
  if (arg instanceof SudoNode) {
    const profile = await profileFrom(services, arg.connectionId, placeHolder);
    return { id: arg.sudo.id, profile, label: `${profile.name} as ${arg.sudo.userName}` };
  }
  if (typeof arg === 'string' && parseSessionRef(arg).sudoUser) {
    const ref = parseSessionRef(arg);
    const profile = await profileFrom(services, ref.connectionId, placeHolder);
    return { id: arg, profile, label: `${profile.name} as ${ref.sudoUser}` };
  }
  if (arg !== undefined) {
    const profile = await profileFrom(services, arg, placeHolder);
    return { id: profile.id, profile, label: profile.name };
  }
  const profiles = await services.profiles.list();
  const items: Array<vscode.QuickPickItem & { id: string; profile: ProfileSummary; label: string }> = [];
  for (const profile of sortActiveFirst(services, profiles)) {
    const state = await services.engine.load(profile.id);
    items.push({ id: profile.id, profile, label: profile.name, description: describeSession(state, services.clock.now()) });
    for (const sudo of state.sudo) items.push({ id: sudo.id, profile, label: `${profile.name} as ${sudo.userName}`, description: 'sudo session' });
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder });
  if (!picked) throw cancelledError();
  // The list holds no secrets: the picked connection is read whole.
  return { ...picked, profile: await profileFrom(services, picked.profile.id, placeHolder) };
}

async function pickProfile(services: Services, placeHolder: string): Promise<Profile> {
  const profiles = sortActiveFirst(services, await services.profiles.list());
  if (profiles.length === 0) {
    throw new SugarError({ kind: 'session', remedy: 'none', explanation: 'There is no connection yet; add one first.' });
  }
  if (profiles.length === 1) return profileFrom(services, profiles[0].id, placeHolder);
  const items = await Promise.all(
    profiles.map(async (profile) => ({
      label: profile.name,
      description: describeSession(await services.engine.load(profile.id), services.clock.now()),
      detail: profile.instanceUrl,
      profile,
    })),
  );
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDetail: true });
  if (!picked) throw cancelledError();
  return profileFrom(services, picked.profile.id, placeHolder);
}

function sortActiveFirst(services: Services, profiles: ProfileSummary[]): ProfileSummary[] {
  const activeId = services.active.id;
  return [...profiles].sort((a, b) => Number(b.id === activeId) - Number(a.id === activeId));
}
