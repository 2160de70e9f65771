import type { Profile } from '../../core/profiles/profile';
import { EditStart, runConnectionChanges } from './changeConnectionFlow';
import { QuickInputPrompter } from './multiStepInput';
import { toFlowDeps, WizardDeps } from './wizardDeps';

/**
 * A menu of the connection's fields, edited one at a time until Save. Returns only the changed
 * fields (`password: undefined` removes a password no longer to be remembered), {} when nothing
 * changed, undefined when the user cancels. `start` opens one field first (a failed check's).
 */
export function askConnectionChanges(deps: WizardDeps, profile: Profile, start?: EditStart): Promise<Partial<Omit<Profile, 'id'>> | undefined> {
  return runConnectionChanges(new QuickInputPrompter(), toFlowDeps(deps), profile, start);
}
