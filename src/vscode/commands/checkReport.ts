import vscode = require('vscode');
import type { CheckReport } from '../../core/profiles/checkConnection';
import { checkReportView, ReportAction } from '../../core/profiles/checkReportActions';

type Entry = vscode.QuickPickItem & { action?: ReportAction };

/**
 * The report of *Check Connection* as a quick pick rather than a modal: each step a ✓/✗ row with
 * its sentence, under the action that fixes the first failed step (the one Enter picks). A modal
 * could only say OK; this one leads to the fix. Undefined when closed.
 */
export async function showCheckReport(connectionName: string, report: CheckReport): Promise<ReportAction | undefined> {
  const view = checkReportView(connectionName, report);
  const items: Entry[] = [
    ...view.actions.map((entry) => ({ label: entry.label, detail: entry.detail, action: entry.action })),
    { label: 'Check results', kind: vscode.QuickPickItemKind.Separator },
    ...view.steps.map((entry) => ({ label: entry.label, detail: entry.detail, action: entry.action })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Check Connection: ${connectionName}`,
    placeHolder: view.placeholder,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.action;
}
