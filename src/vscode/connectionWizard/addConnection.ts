import type { CreateProfileInput } from '../../core/profiles/profile';
import { QuickInputPrompter } from './multiStepInput';
import { runNewConnection } from './newConnectionFlow';
import { toFlowDeps, WizardDeps } from './wizardDeps';

/**
 * Asks for a new connection step by step (address, user, password, platform, client, API
 * version, name), then offers Save, a check first, or Cancel. Undefined when the user cancels.
 * `start` pre-fills the answers, e.g. from a connection being duplicated.
 */
export function askNewConnection(deps: WizardDeps, start?: Partial<CreateProfileInput>): Promise<CreateProfileInput | undefined> {
  return runNewConnection(new QuickInputPrompter(), toFlowDeps(deps), start);
}
