/**
 * What the wizard needs from a UI, without VS Code: one quick pick or one input box at a time.
 * The VS Code implementation is multiStepInput.ts; tests script a fake one. Kept free of the
 * vscode module so that the flows built on it run under plain mocha.
 */
import type { FieldFeedback } from '../../core/profiles/wizardModel';

export type PickEntry<T> = { label: string; description?: string; detail?: string; value: T } | { separator: string };

export interface PickSpec<T> {
  title: string;
  /** Shown as "Title (step/totalSteps)". */
  step?: number;
  totalSteps?: number;
  placeholder: string;
  items: PickEntry<T>[];
  /** The entry to highlight first, e.g. the current answer. */
  active?: T;
}

export interface InputSpec {
  title: string;
  step?: number;
  totalSteps?: number;
  value: string;
  prompt: string;
  placeholder?: string;
  password?: boolean;
  /** A sentence to show (as a warning) until the user types, e.g. why a check failed. */
  notice?: string;
  /** Called as the user types and on Enter; an error keeps the box open. */
  judge?: (value: string) => FieldFeedback;
}

/** The user pressed Back (the button, or an item that means it). */
export class WizardBack extends Error {
  constructor() {
    super('Back');
  }
}

/** The user pressed Escape or closed the input: the wizard ends without a result. */
export class WizardCancel extends Error {
  constructor() {
    super('Cancelled');
  }
}

/** Rejects with WizardBack or WizardCancel instead of answering. */
export interface Prompter {
  pick<T>(spec: PickSpec<T>, canGoBack: boolean): Promise<T>;
  input(spec: InputSpec, canGoBack: boolean): Promise<string>;
  /** Closes whatever is still shown. */
  dispose(): void;
}

/** What one step sees: the prompter, with Back offered whenever there is a step to go back to. */
export interface StepUi {
  pick<T>(spec: PickSpec<T>): Promise<T>;
  input(spec: InputSpec): Promise<string>;
}
