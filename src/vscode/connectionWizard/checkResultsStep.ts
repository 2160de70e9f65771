import type { CheckStep } from '../../core/profiles/checkConnection';
import { checkStepLabel, fieldToFix } from '../../core/profiles/wizardModel';
import { fieldStep } from './fieldSteps';
import { CheckOutcome, FlowContext } from './flowContext';
import { PickEntry, WizardBack } from './prompter';
import type { Step } from './runSteps';

type ResultChoice = { kind: 'save' } | { kind: 'back' } | { kind: 'step'; step: CheckStep };

/**
 * The check's steps as ✓/✗ rows under Save and Back. Picking a failed row opens the field that
 * fixes it, with the failure shown there; `menu` is where that edit returns to.
 */
export function checkResultsStep(ctx: FlowContext, outcome: NonNullable<CheckOutcome>, menu: Step): Step {
  return async (ui) => {
    const rows: PickEntry<ResultChoice>[] =
      'report' in outcome
        ? [{ separator: 'Check results' }, ...outcome.report.steps.map((step) => ({ label: checkStepLabel(step), detail: step.detail, value: { kind: 'step' as const, step } }))]
        : [];
    const placeholder =
      'failure' in outcome
        ? `The check could not run: ${outcome.failure}`
        : outcome.report.ok
          ? 'The check passed: save the connection?'
          : 'A check failed: pick it to change that answer, or save anyway.';
    const choice = await ui.pick<ResultChoice>({
      title: `${ctx.title}: check`,
      placeholder,
      items: [{ label: '$(save) Save', value: { kind: 'save' } }, { label: '$(arrow-left) Back', value: { kind: 'back' } }, ...rows],
    });
    if (choice.kind === 'save') {
      ctx.saved = true;
      return undefined;
    }
    if (choice.kind === 'back' || choice.step.ok || choice.step.skipped) throw new WizardBack();
    ctx.notice = choice.step.detail;
    return fieldStep(ctx, fieldToFix(choice.step), menu);
  };
}
