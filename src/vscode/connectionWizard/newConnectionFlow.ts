import type { CreateProfileInput } from '../../core/profiles/profile';
import { answersForNewConnection, describeAnswers, displayValue, FIELD_LABELS, toCreateProfileInput, WIZARD_FIELDS, WizardField } from '../../core/profiles/wizardModel';
import { visibleFields } from '../../core/profiles/wizardSteps';
import { afterFailedCheck, checkResultsStep } from './checkResultsStep';
import { fieldStep } from './fieldSteps';
import { checkAnswers, createContext, FlowContext, FlowDeps, takeNotice } from './flowContext';
import { PickEntry, Prompter, WizardCancel } from './prompter';
import { runSteps, Step } from './runSteps';

export const NEW_CONNECTION_TITLE = 'Add Sugar Connection';

type SummaryChoice = { kind: 'save' } | { kind: 'check' } | { kind: 'cancel' } | { kind: 'field'; field: WizardField };

/** The new-connection wizard on any Prompter: every field in turn, then a summary. */
export async function runNewConnection(prompter: Prompter, deps: FlowDeps, start?: Partial<CreateProfileInput>): Promise<CreateProfileInput | undefined> {
  const ctx = createContext(answersForNewConnection(deps.defaultPlatform, start), deps, NEW_CONNECTION_TITLE, { numbered: true });
  const summary = summaryStep(ctx);
  // The client id's step goes on to the secret by itself, when its client has one.
  const asked = WIZARD_FIELDS.filter((field) => field !== 'clientSecret');
  const first = asked.reduceRight<Step>((next, field) => fieldStep(ctx, field, next), summary);
  const finished = await runSteps(first, prompter);
  return finished && ctx.saved ? toCreateProfileInput(ctx.answers) : undefined;
}

/** One stable step, so that coming back to it (after a check or an edit) returns to it in the history. */
function summaryStep(ctx: FlowContext): Step {
  const summary: Step = async (ui) => {
    ctx.summaryReached = true;
    const { answers } = ctx;
    const checkDetail = answers.password
      ? `Logs in and out again on platform ${answers.platform}, which ends an earlier session of ${answers.username} there`
      : 'Without a password only the address and the API version are checked';
    // After a failed check, Enter goes to the answer that failed instead of saving it.
    const failed = afterFailedCheck(ctx);
    const fields = visibleFields(answers).map((field) => ({ label: FIELD_LABELS[field], description: displayValue(answers, field), value: { kind: 'field' as const, field } }));
    const items: PickEntry<SummaryChoice>[] = [
      { label: failed.saveLabel, detail: describeAnswers(answers), value: { kind: 'save' } },
      { label: '$(pulse) Check connection first', detail: checkDetail, value: { kind: 'check' } },
      { label: '$(close) Cancel', value: { kind: 'cancel' } },
      { separator: 'Change an answer' },
      ...fields,
    ];
    const choice = await ui.pick<SummaryChoice>({
      title: `${ctx.title}: summary`,
      placeholder: takeNotice(ctx) ?? failed.placeholder ?? 'Save the connection, check it first, or pick an answer to change it.',
      items,
      active: fields.find((item) => item.value.field === failed.field)?.value,
    });
    switch (choice.kind) {
      case 'save':
        ctx.saved = true;
        return undefined;
      case 'cancel':
        throw new WizardCancel();
      case 'check': {
        const outcome = await checkAnswers(ctx);
        return outcome ? checkResultsStep(ctx, outcome, summary) : summary;
      }
      case 'field':
        return fieldStep(ctx, choice.field, summary);
    }
  };
  return summary;
}
