import type { Profile } from '../../core/profiles/profile';
import { answersFromProfile, changedFieldNames, changedFields, displayValue, FIELD_LABELS, WizardField } from '../../core/profiles/wizardModel';
import { visibleFields } from '../../core/profiles/wizardSteps';
import { afterFailedCheck, checkResultsStep } from './checkResultsStep';
import { fieldStep } from './fieldSteps';
import { checkAnswers, createContext, FlowContext, FlowDeps, takeNotice } from './flowContext';
import type { PickEntry, Prompter } from './prompter';
import { runSteps, Step } from './runSteps';

type MenuChoice = { kind: 'save' } | { kind: 'check' } | { kind: 'field'; field: WizardField };

/** Where an edit starts instead of the menu: the field a failed check blames, with its sentence. */
export interface EditStart {
  field: WizardField;
  notice?: string;
}

/**
 * Edits a connection one field at a time from a menu, until Save (the changed fields) or Escape
 * (undefined). Only what differs is returned, so an untouched secret is never written back.
 * With `start`, the first screen is that field; Back from it shows the menu.
 */
export async function runConnectionChanges(prompter: Prompter, deps: FlowDeps, profile: Profile, start?: EditStart): Promise<Partial<Omit<Profile, 'id'>> | undefined> {
  const ctx = createContext(answersFromProfile(profile), deps, `Edit Connection "${profile.name}"`, { numbered: false, original: profile });
  const finished = await runSteps(menuStep(ctx, profile, start), prompter);
  return finished && ctx.saved ? changedFields(profile, ctx.answers) : undefined;
}

function menuStep(ctx: FlowContext, profile: Profile, start: EditStart | undefined): Step {
  let opening = start;
  const menu: Step = async (ui) => {
    if (opening) {
      // The menu is first in the history, so Back from the opening field lands on it.
      ctx.notice = opening.notice;
      const field = opening.field;
      opening = undefined;
      return fieldStep(ctx, field, menu);
    }
    const changed = changedFieldNames(profile, ctx.answers);
    const failed = afterFailedCheck(ctx);
    const fields = visibleFields(ctx.answers).map((field) => ({
      label: FIELD_LABELS[field],
      description: displayValue(ctx.answers, field) + (changed.includes(field) ? ' (changed)' : ''),
      value: { kind: 'field' as const, field },
    }));
    const items: PickEntry<MenuChoice>[] = [
      { label: failed.saveLabel, description: changed.length > 0 ? `${changed.length} changed: ${changed.map((f) => FIELD_LABELS[f]).join(', ')}` : 'nothing changed', value: { kind: 'save' } },
      { label: '$(pulse) Check connection', detail: 'With the answers as they are now, before saving', value: { kind: 'check' } },
      { separator: 'Fields' },
      ...fields,
    ];
    const choice = await ui.pick<MenuChoice>({
      title: ctx.title,
      placeholder: takeNotice(ctx) ?? failed.placeholder ?? (changed.length > 0 ? 'Save the changes, or pick another field to change.' : 'Pick a field to change.'),
      items,
      active: fields.find((item) => item.value.field === failed.field)?.value,
    });
    switch (choice.kind) {
      case 'save':
        ctx.saved = true;
        return undefined;
      case 'check': {
        const outcome = await checkAnswers(ctx);
        return outcome ? checkResultsStep(ctx, outcome, menu) : menu;
      }
      case 'field':
        return fieldStep(ctx, choice.field, menu);
    }
  };
  return menu;
}
