import vscode = require('vscode');
import { type RequestSummary, runRequestFile, summaryOf } from '../../core/checks/fileRunner';
import { runSummary } from '../../core/checks/resultText';
import { parseFileVariables } from '../../core/explore/fileVariables';
import { parseRequestFile } from '../../core/explore/requestFile';
import { SugarError } from '../../core/sugar/errors';
import type { CommandHandler } from '../commands/commandRunner';
import { withAbortSignal } from '../commands/commandRunner';
import { SUGAR_LANGUAGE } from '../explore/requestDirective';
import type { Services } from '../services';
import { checkResultsOf } from './checkResults';
import { sessionDeps } from './sessionDeps';

/**
 * `sugar.runRequestFile` (Run All): every request of a `.sugar` file in order, through the same
 * session path as its Send CodeLens (its `# @connection`, a sudo session started when the file
 * names one, History), without opening a response tab per request. Each result shows beside its
 * line as it arrives; the command answers `summaryOf` per request.
 */
export function runFileCommands(services: Services): Record<string, CommandHandler> {
  const runFile: CommandHandler = async (uriArg) => {
    const editor = vscode.window.activeTextEditor;
    const uri = uriArg instanceof vscode.Uri ? uriArg : editor?.document.languageId === SUGAR_LANGUAGE ? editor.document.uri : undefined;
    if (!uri) throw new SugarError({ kind: 'session', explanation: 'Open a .sugar request file first.' });
    const document = await vscode.workspace.openTextDocument(uri);
    const version = document.version;
    const text = document.getText();
    const requests = parseRequestFile(text);
    if (requests.length === 0) throw new SugarError({ kind: 'session', explanation: 'This file has no requests to run.' });
    const results = checkResultsOf(services);
    results.clear(uri);
    const deps = sessionDeps(services);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const outcomes = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Running ${name}`, cancellable: true },
      (progress, token) =>
        withAbortSignal(token, (signal) =>
          runRequestFile(requests, deps, {
            signal,
            fileVariables: parseFileVariables(text),
            onOutcome: (outcome) => {
              results.set(document, version, outcome);
              progress.report({ message: `${outcome.index + 1} of ${requests.length}: ${outcome.name}`, increment: 100 / requests.length });
            },
          }),
        ),
    );
    vscode.window.setStatusBarMessage(`$(beaker) ${name}: ${runSummary(outcomes)}`, 10_000);
    return outcomes.map(summaryOf) satisfies RequestSummary[];
  };
  return { 'sugar.runRequestFile': runFile };
}
