// A connection check's steps as the wizard and the check report show them: a mark and a title per
// step, and the answer the user changes to fix a failed one.
import type { CheckStep } from './checkConnection';
import type { WizardField } from './wizardModel';

const STEP_TITLES: Record<CheckStep['name'], string> = {
  reachable: 'Reachable',
  apiVersion: 'API version',
  platform: 'Platform',
  login: 'Login',
};

export function checkStepLabel(step: CheckStep): string {
  const mark = step.skipped ? '\u2013' : step.ok ? '\u2713' : '\u2717';
  return `${mark} ${STEP_TITLES[step.name]}`;
}

/** Which answer to change to fix a failed step. */
export function fieldToFix(step: CheckStep): WizardField {
  switch (step.name) {
    case 'reachable':
      return 'instanceUrl';
    case 'apiVersion':
      return 'apiVersion';
    case 'platform':
      return 'platform';
    case 'login':
      return step.error?.label === 'invalid_client' || step.error?.label === 'client_not_allowed' ? 'clientId' : 'password';
  }
}
