import { Prompter, StepUi, WizardBack, WizardCancel } from './prompter';

/** One screen of a wizard: asks, records the answer, and names the next step (none: finished). */
export type Step = (ui: StepUi) => Promise<Step | undefined>;

/**
 * Runs steps until one returns no next step (true) or the user cancels (false). Back re-runs the
 * previous step, which shows the answer given before. Coming back to a step already on the way
 * (a summary or a menu) returns to it, so Back from there does not replay the detour.
 */
export async function runSteps(first: Step, prompter: Prompter): Promise<boolean> {
  const history: Step[] = [];
  let step: Step | undefined = first;
  try {
    while (step) {
      const seen = history.indexOf(step);
      if (seen >= 0) history.length = seen;
      history.push(step);
      const ui = stepUi(prompter, history.length > 1);
      try {
        step = await step(ui);
      } catch (error) {
        if (error instanceof WizardCancel) return false;
        if (!(error instanceof WizardBack)) throw error;
        history.pop();
        step = history.pop() ?? first;
      }
    }
    return true;
  } finally {
    prompter.dispose();
  }
}

function stepUi(prompter: Prompter, canGoBack: boolean): StepUi {
  return {
    pick: (spec) => prompter.pick(spec, canGoBack),
    input: (spec) => prompter.input(spec, canGoBack),
  };
}
