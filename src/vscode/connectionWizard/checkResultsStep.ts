import type { CheckStep } from '../../core/profiles/checkConnection';
import { checkStepLabel, FIELD_LABELS, fieldToFix, WizardField } from '../../core/profiles/wizardModel';
import { fieldStep } from './fieldSteps';
import { CheckOutcome, FlowContext, standingFailure } from './flowContext';
import { PickEntry, WizardBack } from './prompter';
import type { Step } from './runSteps';

type ResultChoice = { kind: 'save' } | { kind: 'back' } | { kind: 'step'; step: CheckStep };

/**
 * The check's steps as ✓/✗ rows. After a failure the first entry (what Enter picks) changes the
 * answer that failed, with the failure shown there; Save is still offered, as "Save anyway", but
 * never the default. Picking a failed row opens its field; `menu` is where that edit returns to.
 */
export function checkResultsStep(ctx: FlowContext, outcome: NonNullable<CheckOutcome>, menu: Step): Step {
  return async (ui) => {
    const rows: PickEntry<ResultChoice>[] =
      'report' in outcome
        ? [{ separator: 'Check results' }, ...outcome.report.steps.map((step) => ({ label: checkStepLabel(step), detail: step.detail, value: { kind: 'step' as const, step } }))]
        : [];
    const firstFailed = 'report' in outcome ? outcome.report.steps.find((step) => !step.ok && !step.skipped) : undefined;
    const back: PickEntry<ResultChoice> = { label: '$(arrow-left) Back', value: { kind: 'back' } };
    let actions: PickEntry<ResultChoice>[];
    let placeholder: string;
    if ('failure' in outcome) {
      placeholder = `The check could not run: ${outcome.failure}`;
      actions = [back, { label: '$(save) Save without a check', value: { kind: 'save' } }];
    } else if (firstFailed) {
      const field = FIELD_LABELS[fieldToFix(firstFailed)];
      placeholder = `The check failed: press Enter to change the ${field.toLowerCase()}, or pick another row.`;
      actions = [
        { label: `$(edit) Change ${field}`, detail: firstFailed.detail, value: { kind: 'step', step: firstFailed } },
        { label: '$(save) Save anyway', detail: 'Save the connection as it is, although the check failed', value: { kind: 'save' } },
        back,
      ];
    } else {
      placeholder = 'The check passed: save the connection?';
      actions = [{ label: '$(save) Save', value: { kind: 'save' } }, back];
    }
    const choice = await ui.pick<ResultChoice>({ title: `${ctx.title}: check`, placeholder, items: [...actions, ...rows] });
    if (choice.kind === 'save') {
      ctx.saved = true;
      return undefined;
    }
    if (choice.kind === 'back' || choice.step.ok || choice.step.skipped) throw new WizardBack();
    ctx.notice = choice.step.detail;
    return fieldStep(ctx, fieldToFix(choice.step), menu);
  };
}

/** The field rows' value to start on and the Save label, while the last check's failure still stands. */
export function afterFailedCheck(ctx: FlowContext): { field?: WizardField; saveLabel: string; placeholder?: string } {
  const failure = standingFailure(ctx);
  if (!failure) return { saveLabel: '$(save) Save' };
  return {
    field: failure.field,
    saveLabel: '$(save) Save anyway',
    placeholder: `The check failed at ${FIELD_LABELS[failure.field]}: press Enter to change it, or save anyway.`,
  };
}
