import vscode = require('vscode');
import type { CheckReport } from '../../core/profiles/checkConnection';
import type { Profile } from '../../core/profiles/profile';
import { isCancellation } from '../../core/sugar/errors';
import type { CheckOutcome, FlowDeps } from './flowContext';

export interface WizardDeps {
  /** The sugar.defaultPlatform setting. */
  defaultPlatform: string;
  /** Names already taken (compared case-insensitively); the edited connection's own name may be included. */
  existingNames: string[];
  /** The lead wires checkConnection here; a cancelled check may throw a cancellation. */
  check(profile: Profile, password?: string, token?: vscode.CancellationToken): Promise<CheckReport>;
}

/** The flows' view of the deps: the check runs under a cancellable progress notification. */
export function toFlowDeps(deps: WizardDeps): FlowDeps {
  return {
    defaultPlatform: deps.defaultPlatform,
    existingNames: deps.existingNames,
    check: (profile, password) => checkWithProgress(deps, profile, password),
  };
}

async function checkWithProgress(deps: WizardDeps, profile: Profile, password: string | undefined): Promise<CheckOutcome> {
  const options = { location: vscode.ProgressLocation.Notification, title: `Checking ${profile.instanceUrl}\u2026`, cancellable: true };
  try {
    return await vscode.window.withProgress(options, async (_progress, token) => {
      const report = await deps.check(profile, password, token);
      return token.isCancellationRequested ? undefined : { report };
    });
  } catch (error) {
    if (isCancellation(error)) return undefined;
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}
