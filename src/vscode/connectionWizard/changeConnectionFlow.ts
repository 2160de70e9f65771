import type { Profile } from '../../core/profiles/profile';
import { answersFromProfile, changedFieldNames, changedFields, displayValue, FIELD_LABELS, WIZARD_FIELDS, WizardField } from '../../core/profiles/wizardModel';
import { checkResultsStep } from './checkResultsStep';
import { fieldStep } from './fieldSteps';
import { checkAnswers, createContext, FlowContext, FlowDeps, takeNotice } from './flowContext';
import type { Prompter } from './prompter';
import { runSteps, Step } from './runSteps';

type MenuChoice = { kind: 'save' } | { kind: 'check' } | { kind: 'field'; field: WizardField };

/**
 * Edits a connection one field at a time from a menu, until Save (the changed fields) or Escape
 * (undefined). Only what differs is returned, so an untouched secret is never written back.
 */
export async function runConnectionChanges(prompter: Prompter, deps: FlowDeps, profile: Profile): Promise<Partial<Omit<Profile, 'id'>> | undefined> {
  const ctx = createContext(answersFromProfile(profile), deps, `Edit Connection "${profile.name}"`, { numbered: false, original: profile });
  const finished = await runSteps(menuStep(ctx, profile), prompter);
  return finished && ctx.saved ? changedFields(profile, ctx.answers) : undefined;
}

function menuStep(ctx: FlowContext, profile: Profile): Step {
  const menu: Step = async (ui) => {
    const changed = changedFieldNames(profile, ctx.answers);
    const choice = await ui.pick<MenuChoice>({
      title: ctx.title,
      placeholder: takeNotice(ctx) ?? (changed.length > 0 ? 'Save the changes, or pick another field to change.' : 'Pick a field to change.'),
      items: [
        { label: '$(save) Save', description: changed.length > 0 ? `${changed.length} changed: ${changed.map((f) => FIELD_LABELS[f]).join(', ')}` : 'nothing changed', value: { kind: 'save' } },
        { label: '$(pulse) Check connection', detail: 'With the answers as they are now, before saving', value: { kind: 'check' } },
        { separator: 'Fields' },
        ...WIZARD_FIELDS.map((field) => ({
          label: FIELD_LABELS[field],
          description: displayValue(ctx.answers, field) + (changed.includes(field) ? ' (changed)' : ''),
          value: { kind: 'field' as const, field },
        })),
      ],
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
