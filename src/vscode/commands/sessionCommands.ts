import vscode = require('vscode');
import { SudoState, hasTokens, parseSessionRef } from '../../core/session/sessionState';
import { userListRequest, usersFromAnswer } from '../../core/sugar/userList';
import { SugarError, cancelledError } from '../../core/sugar/errors';
import type { Services } from '../services';
import { SudoNode } from '../tree/nodes';
import { profileFrom } from './arguments';
import { CommandHandler, forConnection, isContractCall, withProgress } from './commandRunner';
import { confirmEndingOthers } from './loginGuard';
import { askPassword, needsPassword } from './passwordPrompt';
import { pickOrType } from './valuePicks';

const TRANSPORT_KINDS = new Set(['dns', 'refused', 'timeout', 'tls', 'network', 'http']);

export function sessionCommands(services: Services): Record<string, CommandHandler> {
  const { engine } = services;

  const login: CommandHandler = async (arg, options) => {
    const profile = await profileFrom(services, arg, 'Log in to which connection?');
    return forConnection(profile.id, async () => {
      const programmatic = isContractCall([arg]);
      // Callers with an id decided already; the user is told which session the login ends.
      if (!programmatic) await confirmEndingOthers(services, profile, 'login');
      let password = (options as { password?: string } | undefined)?.password;
      if (!password && needsPassword(profile) && !programmatic) password = await askPassword(profile);
      const state = await withProgress(`Logging in to ${profile.name} as ${profile.username}…`, (signal) => engine.login(profile.id, { password, signal }));
      await followLogin(profile.id);
      services.explore.serverInfo.request(profile.id);
      return state;
    });
  };

  /** The status bar follows a login when what it shows is not logged in (or is gone). */
  const followLogin = async (connectionId: string): Promise<void> => {
    const activeId = services.active.id;
    if (activeId === connectionId) return;
    const stillThere = activeId !== undefined && (await services.profiles.summary(activeId)) !== undefined;
    if (!stillThere || !hasTokens(await engine.load(activeId!))) await services.active.set(connectionId);
  };

  const logout: CommandHandler = async (arg) => {
    const profile = await profileFrom(services, arg, 'Log out of which connection?');
    return forConnection(profile.id, async () => {
      try {
        const result = await withProgress(`Logging out of ${profile.name}…`, (signal) => engine.logout(profile.id, { signal }));
        if (result.alreadyEnded) void vscode.window.showInformationMessage(`The session of ${profile.name} had already ended on the server; it is logged out here too.`);
        return result.state;
      } catch (error) {
        if (isContractCall([arg]) || !(error instanceof SugarError) || !TRANSPORT_KINDS.has(error.kind)) throw error;
        const choice = await vscode.window.showErrorMessage(error.message, 'Try Again', 'Forget Locally');
        if (choice === 'Try Again') return vscode.commands.executeCommand('sugar.logout', profile.id).then(undefined, () => undefined);
        if (choice === 'Forget Locally') return (await engine.logout(profile.id, { forgetLocally: true })).state;
        return undefined;
      }
    });
  };

  const refresh: CommandHandler = async (arg) => {
    const profile = await profileFrom(services, arg, 'Refresh the token of which connection?');
    return forConnection(profile.id, async () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Refreshing ${profile.name}` }, () => engine.refresh(profile.id)),
    );
  };

  const sudo: CommandHandler = async (arg, userNameArg) => {
    const profile = await profileFrom(services, arg, 'Sudo through which admin connection?');
    return forConnection(profile.id, async () => {
      const programmatic = isContractCall([arg]);
      let userName = typeof userNameArg === 'string' ? userNameArg.trim() : undefined;
      if (!userName) {
        if (programmatic) throw new SugarError({ kind: 'session', explanation: 'Sudo needs the user name to act as.' });
        userName = await pickOrType({
          title: `Sudo through ${profile.name}`,
          placeholder: 'User to act as (their own session on this platform ends, like at a login); type any user name',
          suggestions: listUsers(profile.id),
          empty: 'no users listed',
        });
      }
      const state: SudoState = await withProgress(`Starting a sudo session as ${userName}…`, (signal) => engine.sudo(profile.id, userName!, signal));
      if (!programmatic) {
        void vscode.window.showInformationMessage(`Now acting as ${state.userName} on ${profile.name}.`);
        await services.revealSession?.(state.id).catch((error: unknown) => services.log.debug(`Could not reveal the sudo session: ${String(error)}`));
      }
      return state.id;
    });
  };

  /** The users to offer for sudo, through the admin session (an admin may list them all). */
  const listUsers = async (connectionId: string) => {
    const response = await engine.request(connectionId, userListRequest());
    if (response.error) throw response.error;
    return usersFromAnswer(response.json);
  };

  const endSudo: CommandHandler = async (arg) => {
    const sudoId = arg instanceof SudoNode ? arg.sudo.id : typeof arg === 'string' ? arg : await pickSudo(services);
    const { connectionId } = parseSessionRef(sudoId);
    return forConnection(connectionId, async () => {
      await engine.endSudo(sudoId);
      return undefined;
    });
  };

  /** A stored session that cannot be read: dropped here, without telling a server it cannot name. */
  const forgetSession: CommandHandler = async (arg) => {
    const profile = await profileFrom(services, arg, 'Forget the stored session of which connection?');
    return forConnection(profile.id, async () => {
      await engine.forget(profile.id);
      services.log.info(`Forgot the stored session of ${profile.name} locally.`);
      return engine.state(profile.id);
    });
  };

  return { 'sugar.login': login, 'sugar.logout': logout, 'sugar.refresh': refresh, 'sugar.sudo': sudo, 'sugar.endSudo': endSudo, 'sugar.forgetSession': forgetSession };
}

async function pickSudo(services: Services): Promise<string> {
  const items: Array<vscode.QuickPickItem & { id: string }> = [];
  for (const profile of await services.profiles.list()) {
    for (const sudo of services.engine.state(profile.id).sudo) items.push({ id: sudo.id, label: `${sudo.userName}`, description: `through ${profile.name}` });
  }
  if (items.length === 0) throw new SugarError({ kind: 'session', explanation: 'There is no sudo session to end.' });
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'End which sudo session?' });
  if (!picked) throw cancelledError();
  return picked.id;
}
