/**
 * What the report of *Check Connection* offers: after a failure, first (Enter) the edit of the
 * field that fixes the first failed step, with its sentence, then the log; after a pass, OK.
 */
import type { CheckReport } from './checkConnection';
import { checkStepLabel, FIELD_LABELS, fieldToFix, WizardField } from './wizardModel';

export type ReportAction = { kind: 'edit'; field: WizardField; notice: string } | { kind: 'openLog' } | { kind: 'close' };

export interface ReportEntry {
  label: string;
  detail?: string;
  action: ReportAction;
}

export interface CheckReportView {
  placeholder: string;
  /** The actions first (the first is what Enter picks), then one row per step. */
  actions: ReportEntry[];
  steps: ReportEntry[];
}

export function checkReportView(connectionName: string, report: CheckReport): CheckReportView {
  const firstFailed = report.steps.find((step) => !step.ok && !step.skipped);
  const close: ReportAction = { kind: 'close' };
  const steps = report.steps.map((step): ReportEntry => {
    const fixable = !step.ok && !step.skipped;
    return { label: checkStepLabel(step), detail: step.detail, action: fixable ? { kind: 'edit', field: fieldToFix(step), notice: step.detail } : close };
  });
  if (!firstFailed) {
    return { placeholder: `${connectionName}: the connection works.`, actions: [{ label: '$(check) OK', action: close }], steps };
  }
  const field = fieldToFix(firstFailed);
  return {
    placeholder: `${connectionName}: the check found a problem. Press Enter to change the ${FIELD_LABELS[field].toLowerCase()}.`,
    actions: [
      { label: `$(edit) Edit Connection: ${FIELD_LABELS[field]}`, detail: firstFailed.detail, action: { kind: 'edit', field, notice: firstFailed.detail } },
      { label: '$(output) Open Log', detail: 'The requests of the check, as the log recorded them', action: { kind: 'openLog' } },
      { label: '$(close) Close', action: close },
    ],
    steps,
  };
}
