import vscode = require('vscode');
import type { Services } from '../services';
import { RequestCodeLenses } from './requestCodeLenses';
import { RequestDiagnostics } from './requestDiagnostics';
import { SUGAR_LANGUAGE } from './requestDirective';
import { registerSugarLanguage } from '../language/registerSugarLanguage';

/**
 * What an open `.sugar` file gets: Send/Run All/Export CodeLenses, its problems, completion,
 * hovers and quick fixes. Registered by `whenSugarFileOpens` (activation side) once the first
 * `.sugar` document is open: every one of these reads the file through the lazy side's parser
 * anyway, so none of it belongs in the activation bundle.
 */
export function registerSugarFileFeatures(services: Services): vscode.Disposable {
  const codeLenses = new RequestCodeLenses(services);
  return vscode.Disposable.from(
    codeLenses,
    vscode.languages.registerCodeLensProvider({ language: SUGAR_LANGUAGE }, codeLenses),
    new RequestDiagnostics(),
    registerSugarLanguage(services),
  );
}
