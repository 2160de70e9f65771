import type { CheckReport } from '../../core/profiles/checkConnection';
import type { Profile } from '../../core/profiles/profile';
import { ConnectionAnswers, draftProfile, WIZARD_FIELDS, WizardField } from '../../core/profiles/wizardModel';

/** A check's result as the flows see it; undefined when the user cancelled it. */
export type CheckOutcome = { report: CheckReport } | { failure: string } | undefined;

/** What the flows need from outside, without VS Code (wizardDeps.ts adapts the public WizardDeps). */
export interface FlowDeps {
  defaultPlatform: string;
  existingNames: readonly string[];
  check(profile: Profile, password: string | undefined): Promise<CheckOutcome>;
}

/** The state one run of a wizard shares between its steps. */
export interface FlowContext {
  readonly answers: ConnectionAnswers;
  readonly deps: FlowDeps;
  readonly title: string;
  /** Step counters "(2/8)" belong to the new-connection wizard; editing one field has none. */
  readonly numbered: boolean;
  /** The connection being edited. */
  readonly original?: Profile;
  /** A sentence for the next screen only, such as why a check failed. */
  notice?: string;
  /** Set when the user typed a name, so a changed address no longer renames the connection. */
  nameTyped: boolean;
  saved: boolean;
}

export function createContext(answers: ConnectionAnswers, deps: FlowDeps, title: string, options: { numbered: boolean; original?: Profile }): FlowContext {
  return { answers, deps, title, numbered: options.numbered, original: options.original, nameTyped: Boolean(answers.name), saved: false };
}

/** The title of a field's screens: "Add Sugar Connection (4/8)" or `Edit Connection "x": Platform`. */
export function titleFor(ctx: FlowContext, field: WizardField, label: string): string {
  if (!ctx.numbered) return `${ctx.title}: ${label}`;
  return `${ctx.title} (${WIZARD_FIELDS.indexOf(field) + 1}/${WIZARD_FIELDS.length})`;
}

export function takeNotice(ctx: FlowContext): string | undefined {
  const notice = ctx.notice;
  ctx.notice = undefined;
  return notice;
}

/** Runs the check on the answers as they are now, with the password typed or stored. */
export function checkAnswers(ctx: FlowContext): Promise<CheckOutcome> {
  return ctx.deps.check(draftProfile(ctx.answers, ctx.original), ctx.answers.password);
}
