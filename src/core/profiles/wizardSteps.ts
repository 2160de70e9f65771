/**
 * Which screens the new-connection wizard shows, in order, for the answers given so far. The step
 * counter "(n/total)" counts these screens, so no two screens share a number, and its total
 * follows the questions actually asked: a typed password adds "remember it?", a client other than
 * `sugar` adds its secret, a platform or version typed by hand adds the box to type it in.
 */
import { DEFAULT_CLIENT_ID } from './profile';
import { WIZARD_FIELDS, WizardField, type ConnectionAnswers } from './wizardModel';

export type WizardScreen =
  | 'instanceUrl'
  | 'username'
  | 'password'
  | 'rememberPassword'
  | 'platform'
  | 'platformFollowUp'
  | 'clientId'
  | 'clientSecret'
  | 'apiVersion'
  | 'apiVersionInput'
  | 'name';

/** Screens a choice on the previous one asked for: another platform's name or the shared-platform question, a typed version. */
export interface FollowUps {
  platform: boolean;
  apiVersion: boolean;
}

/** Client `sugar` is Sugar's own and has an empty secret: there is nothing to ask. */
export function needsClientSecret(clientId: string): boolean {
  return clientId.trim() !== DEFAULT_CLIENT_ID;
}

/** The fields worth showing in a summary or an edit menu: no secret row for client `sugar`. */
export function visibleFields(answers: ConnectionAnswers): WizardField[] {
  return WIZARD_FIELDS.filter((field) => field !== 'clientSecret' || needsClientSecret(answers.clientId) || answers.clientSecret !== '');
}

export function plannedScreens(answers: ConnectionAnswers, followUps: FollowUps): WizardScreen[] {
  const screens: WizardScreen[] = ['instanceUrl', 'username', 'password'];
  if (answers.password) screens.push('rememberPassword');
  screens.push('platform');
  if (followUps.platform) screens.push('platformFollowUp');
  screens.push('clientId');
  if (needsClientSecret(answers.clientId)) screens.push('clientSecret');
  screens.push('apiVersion');
  if (followUps.apiVersion) screens.push('apiVersionInput');
  screens.push('name');
  return screens;
}

/** "(step/total)" for a screen; undefined for a screen the answers do not ask for. */
export function stepCounter(answers: ConnectionAnswers, followUps: FollowUps, screen: WizardScreen): { step: number; total: number } | undefined {
  const screens = plannedScreens(answers, followUps);
  const index = screens.indexOf(screen);
  return index < 0 ? undefined : { step: index + 1, total: screens.length };
}
