import vscode = require('vscode');
import type { FileRequest } from '../../core/explore/requestFile';
import { outcomeLabel, resultLabel } from '../../core/checks/resultText';
import type { CheckResults } from './checkResults';

/** Keeps a lens title short: the full sentence is in its tooltip and in the response tab. */
const MAX_TITLE = 160;
const short = (text: string): string => (text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text);

/**
 * The CodeLenses that assertions add to a `.sugar` file: "Run All" at the top of a file with
 * requests (`top`, shown first), and after a run or a send, each request's outcome on its request
 * line and each assertion's result on its `??` line (`results`, after the Send lenses).
 */
export function checkLenses(document: vscode.TextDocument, requests: FileRequest[], results: CheckResults): { top: vscode.CodeLens[]; results: vscode.CodeLens[] } {
  if (requests.length === 0) return { top: [], results: [] };
  const top: vscode.CodeLens[] = [];
  const lenses: vscode.CodeLens[] = [];
  const first = new vscode.Range(0, 0, 0, 0);
  const withAssertions = requests.filter((request) => request.assertions.length > 0).length;
  const what = withAssertions > 0 ? `${requests.length} request${requests.length === 1 ? '' : 's'}, ${withAssertions} with assertions` : `${requests.length} request${requests.length === 1 ? '' : 's'}`;
  top.push(new vscode.CodeLens(first, { title: '$(run-all) Run All', tooltip: `Send every request of this file in order and check its assertions (${what})`, command: 'sugar.runRequestFile', arguments: [document.uri] }));
  const outcomes = results.outcomes(document);
  if (!outcomes) return { top, results: lenses };
  for (const outcome of outcomes.values()) {
    const request = requests[outcome.index];
    if (!request || request.startLine !== outcome.line) continue;
    const at = new vscode.Range(outcome.line, 0, outcome.line, 0);
    lenses.push(new vscode.CodeLens(at, { title: short(outcomeLabel(outcome)), tooltip: outcome.error ?? '', command: '' }));
    for (const result of outcome.results) {
      const line = new vscode.Range(result.assertion.line, 0, result.assertion.line, 0);
      lenses.push(new vscode.CodeLens(line, { title: short(resultLabel(result)), tooltip: result.message, command: '' }));
    }
  }
  return { top, results: lenses };
}
