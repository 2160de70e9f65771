import type { CheckReport } from '../../core/profiles/checkConnection';
import type { Profile } from '../../core/profiles/profile';
import { ConnectionAnswers, draftProfile, fieldToFix, WizardField } from '../../core/profiles/wizardModel';
import { FollowUps, stepCounter, WizardScreen } from '../../core/profiles/wizardSteps';

/** A check's result as the flows see it; undefined when the user cancelled it. */
export type CheckOutcome = { report: CheckReport } | { failure: string } | undefined;

/** What the flows need from outside, without VS Code (wizardDeps.ts adapts the public WizardDeps). */
export interface FlowDeps {
  defaultPlatform: string;
  existingNames: readonly string[];
  check(profile: Profile, password: string | undefined): Promise<CheckOutcome>;
}

/** The last check failed on these answers: the field that fixes it, and why. */
export interface FailedCheck {
  field: WizardField;
  detail: string;
  /** The answers as checked; once they change, the failure no longer describes them. */
  checked: string;
}

/** The state one run of a wizard shares between its steps. */
export interface FlowContext {
  readonly answers: ConnectionAnswers;
  readonly deps: FlowDeps;
  readonly title: string;
  /** Step counters "(2/8)" belong to the new-connection wizard's first pass; editing one field has none. */
  readonly numbered: boolean;
  /** The connection being edited. */
  readonly original?: Profile;
  /** Screens a choice asked for, so that the counter's total includes them. */
  readonly followUps: FollowUps;
  /** Once the summary showed, a field is changed on its own: no counter. */
  summaryReached: boolean;
  /** A sentence for the next screen only, such as why a check failed. */
  notice?: string;
  failedCheck?: FailedCheck;
  /** Set when the user typed a name, so a changed address no longer renames the connection. */
  nameTyped: boolean;
  saved: boolean;
}

export function createContext(answers: ConnectionAnswers, deps: FlowDeps, title: string, options: { numbered: boolean; original?: Profile }): FlowContext {
  return {
    answers,
    deps,
    title,
    numbered: options.numbered,
    original: options.original,
    followUps: { platform: false, apiVersion: false },
    summaryReached: false,
    nameTyped: Boolean(answers.name),
    saved: false,
  };
}

/** The title of a screen: "Add Sugar Connection (4/7)" on the first pass, else `Edit Connection "x": Platform`. */
export function titleFor(ctx: FlowContext, screen: WizardScreen, label: string): string {
  const counter = ctx.numbered && !ctx.summaryReached ? stepCounter(ctx.answers, ctx.followUps, screen) : undefined;
  return counter ? `${ctx.title} (${counter.step}/${counter.total})` : `${ctx.title}: ${label}`;
}

export function takeNotice(ctx: FlowContext): string | undefined {
  const notice = ctx.notice;
  ctx.notice = undefined;
  return notice;
}

/** Runs the check on the answers as they are now, with the password typed or stored, and remembers a failure. */
export async function checkAnswers(ctx: FlowContext): Promise<CheckOutcome> {
  const outcome = await ctx.deps.check(draftProfile(ctx.answers, ctx.original), ctx.answers.password);
  const failed = outcome && 'report' in outcome ? outcome.report.steps.find((step) => !step.ok && !step.skipped) : undefined;
  ctx.failedCheck = failed ? { field: fieldToFix(failed), detail: failed.detail, checked: answersKey(ctx.answers) } : undefined;
  return outcome;
}

/** The last check's failure while the answers are still the ones checked. */
export function standingFailure(ctx: FlowContext): FailedCheck | undefined {
  return ctx.failedCheck && ctx.failedCheck.checked === answersKey(ctx.answers) ? ctx.failedCheck : undefined;
}

function answersKey(answers: ConnectionAnswers): string {
  return JSON.stringify(answers);
}
