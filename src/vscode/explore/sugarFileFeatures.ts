import vscode = require('vscode');
import type { Services } from '../services';
import { RequestCodeLenses } from './requestCodeLenses';
import { RequestDiagnostics } from './requestDiagnostics';
import { SUGAR_LANGUAGE } from './requestDirective';
import { registerSugarLanguage } from '../language/registerSugarLanguage';
import { convertPastedCurl } from '../interchange/curlPaste';
import { watchCurlPastes } from '../interchange/curlPasteWatcher';

/**
 * What an open `.sugar` file gets: Send/Run All/Export CodeLenses, its problems, completion,
 * hovers and quick fixes. Registered by `whenSugarFileOpens` (activation side) once the first
 * `.sugar` document is open (a curl command pasted into one becomes a request): every one of these reads the file through the lazy side's parser
 * anyway, so none of it belongs in the activation bundle.
 */
export function registerSugarFileFeatures(services: Services): vscode.Disposable {
  const codeLenses = new RequestCodeLenses(services);
  return vscode.Disposable.from(
    codeLenses,
    vscode.languages.registerCodeLensProvider({ language: SUGAR_LANGUAGE }, codeLenses),
    new RequestDiagnostics(),
    registerSugarLanguage(services),
    watchCurlPastes((event) => void convertPastedCurl(event).catch((error: unknown) => services.log.warn(`Paste cURL: ${String(error)}`))),
  );
}
