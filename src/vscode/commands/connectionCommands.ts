import vscode = require('vscode');
import { checkConnection, CheckReport, LiveSession } from '../../core/profiles/checkConnection';
import { createProfile, newProfileId, Profile, validateProfile } from '../../core/profiles/profile';
import { SugarError, cancelledError, isCancellation } from '../../core/sugar/errors';
import { askConnectionChanges, askNewConnection, EditStart, WizardDeps } from '../connectionWizard';
import { showCheckReport } from './checkReport';
import type { Services } from '../services';
import { profileFrom } from './arguments';
import { confirmEndingOthers } from './loginGuard';
import { CommandHandler, forConnection, isContractCall, showError, withAbortSignal, withProgress } from './commandRunner';
import { isConnectionArgument, throwOnErrors, toCreateInput, toProfileChanges, uniqueName, wizardPrefill } from './connectionInput';
import { hasTokens } from '../../core/session/sessionState';

/** What a session was issued for: a check of other values cannot use it. */
const SESSION_IDENTITY = ['instanceUrl', 'username', 'platform', 'clientId'] as const;

export function connectionCommands(services: Services): Record<string, CommandHandler> {
  const { profiles, engine } = services;

  /**
   * The connection's own session when it is logged in (and, for an edit, still aimed where the
   * session was issued): the check uses it, since a new login on its platform would end it.
   */
  const liveSession = async (id: string, candidate?: Profile): Promise<LiveSession | undefined> => {
    const state = await engine.load(id);
    if (!hasTokens(state)) return undefined;
    const stored = await profiles.get(id);
    if (candidate && (!stored || SESSION_IDENTITY.some((key) => candidate[key] !== stored[key]))) return undefined;
    return { platform: state.platform ?? stored?.platform ?? '', request: (request, signal) => engine.request(id, request, signal) };
  };

  const wizardDeps = async (except?: string): Promise<WizardDeps> => ({
    defaultPlatform: services.settings.defaultPlatform,
    existingNames: (await profiles.list()).filter((p) => p.id !== except).map((p) => p.name),
    check: (profile, password, token) =>
      withAbortSignal(token, async (signal) => {
        const session = except ? await liveSession(except, profile) : undefined;
        return checkConnection(services.client, profile, { session, password, signal, network: services.settings.network });
      }),
  });

  const warnAboutPlatform = (profile: Profile): void => {
    const warning = validateProfile(profile).find((issue) => issue.field === 'platform' && issue.severity === 'warning');
    if (warning) void vscode.window.showWarningMessage(`${profile.name}: ${warning.message}`);
  };

  /** `(undefined, { prefill })` opens the wizard with answers filled in (an imported Postman environment), never a password. */
  const add: CommandHandler = async (arg, options) => {
    const input = isConnectionArgument(arg) ? toCreateInput(arg, services.settings.defaultPlatform) : await askNewConnection(await wizardDeps(), wizardPrefill(options));
    if (!input) throw cancelledError();
    const { profile, issues } = createProfile(input);
    throwOnErrors(issues);
    if (await profiles.findByName(profile.name)) {
      throw new SugarError({ kind: 'session', remedy: 'none', explanation: `A connection named "${profile.name}" exists already; choose another name.` });
    }
    await profiles.add(profile);
    if (!services.active.id) await services.active.set(profile.id);
    warnAboutPlatform(profile);
    services.log.info(`Added connection ${profile.name} (${profile.instanceUrl}, platform ${profile.platform}).`);
    return profile.id;
  };

  /** Edits a connection with the given changes, or the ones the user makes in the wizard (from `start`). */
  const editConnection = (profile: Profile, arg: unknown, changesArg: unknown, start?: EditStart) =>
    forConnection(profile.id, async () => {
      const changes = isConnectionArgument(changesArg) ? toProfileChanges(changesArg, profile) : await askConnectionChanges(await wizardDeps(profile.id), profile, start);
      if (!changes) throw cancelledError();
      const merged = { ...profile, ...changes };
      throwOnErrors(validateProfile(merged));
      if (changes.name && changes.name.toLowerCase() !== profile.name.toLowerCase() && (await profiles.findByName(changes.name))) {
        throw new SugarError({ kind: 'session', explanation: `A connection named "${changes.name}" exists already; choose another name.` });
      }
      const updated = await profiles.update(profile.id, changes);
      // The row's "error" described the connection before this edit (a wrong address, say).
      if (Object.keys(changes).some((key) => key !== 'name')) engine.clearError(profile.id);
      if (changes.platform) warnAboutPlatform(updated);
      // A new instance, client or platform ends the session (the engine says so); a new user name waits for the next login.
      const retargeted = (['instanceUrl', 'platform', 'clientId'] as const).some((key) => updated[key] !== profile[key]);
      if (!retargeted && updated.username !== profile.username && hasTokens(engine.state(profile.id)) && !isContractCall([arg])) {
        void vscode.window.showInformationMessage(`${updated.name} stays logged in as before; the changes apply at the next login.`);
      }
      return profile.id;
    });

  const edit: CommandHandler = async (arg, changesArg) => editConnection(await profileFrom(services, arg, 'Edit which connection?'), arg, changesArg);

  /** The report's pick: its first entry fixes the first failed step (Enter). */
  const offerReport = async (profile: Profile, report: CheckReport): Promise<void> => {
    const action = await showCheckReport(profile.name, report);
    if (action?.kind === 'openLog') services.log.show();
    if (action?.kind === 'edit') await editConnection(profile, undefined, undefined, { field: action.field, notice: action.notice });
  };

  const duplicate: CommandHandler = async (arg) => {
    const profile = await profileFrom(services, arg, 'Duplicate which connection?');
    const names = (await profiles.list()).map((p) => p.name);
    const copy: Profile = { ...profile, id: newProfileId(), name: uniqueName(`${profile.name} (copy)`, names) };
    await profiles.add(copy);
    return copy.id;
  };

  const remove: CommandHandler = async (arg) => {
    const profile = await profileFrom(services, arg, 'Delete which connection?');
    if (!isContractCall([arg])) {
      const choice = await vscode.window.showWarningMessage(
        `Delete the connection "${profile.name}"?`,
        { modal: true, detail: 'Its session is logged out first. The password and client secret stored for it are removed.' },
        'Delete',
      );
      if (choice !== 'Delete') throw cancelledError();
    }
    if (hasTokens(engine.state(profile.id)) || !engine.isLoaded(profile.id)) {
      await engine.logout(profile.id, { forgetLocally: true }).catch((error: unknown) => services.log.warn(`Logout before delete failed: ${String(error)}`));
    }
    await engine.forget(profile.id);
    await services.explore.history.clear(profile.id);
    await profiles.remove(profile.id);
    if (services.active.id === profile.id) await services.active.set((await profiles.list())[0]?.id);
    return undefined;
  };

  const check: CommandHandler = async (arg) => {
    const profile = await profileFrom(services, arg, 'Check which connection?');
    return forConnection(profile.id, async () => {
      const session = await liveSession(profile.id);
      // Without a session of its own the check logs in, which ends another connection's on the same user and platform.
      if (!session && !isContractCall([arg])) await confirmEndingOthers(services, profile, 'check');
      const report = await withProgress(`Checking ${profile.name}…`, (signal) => checkConnection(services.client, profile, { session, signal, network: services.settings.network }));
      // Not awaited: the command settles with the report while the user reads it.
      if (!isContractCall([arg])) {
        offerReport(profile, report).catch((error: unknown) => {
          if (!isCancellation(error)) showError(services, error, profile.id);
        });
      }
      return report;
    });
  };

  return {
    'sugar.addConnection': add,
    'sugar.editConnection': edit,
    'sugar.duplicateConnection': duplicate,
    'sugar.deleteConnection': remove,
    'sugar.checkConnection': check,
    'sugar.setActiveConnection': async (arg) => {
      const profile = await profileFrom(services, arg, 'Which connection should the status bar follow?');
      await services.active.set(profile.id);
      return profile.id;
    },
    'sugar.openInBrowser': async (arg) => {
      const profile = await profileFrom(services, arg, 'Open which instance?');
      await vscode.env.openExternal(vscode.Uri.parse(profile.instanceUrl));
      return undefined;
    },
    'sugar.showLog': async () => {
      services.log.show();
      return undefined;
    },
  };
}
