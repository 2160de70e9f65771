import vscode = require('vscode');
import { curlToSugar, CurlImportError, looksLikeCurl } from '../../core/interchange/curlImport';
import { ImportFileError, readImportFile, writeNewFile } from '../../core/interchange/importFiles';
import { CollectionImportError, importCollection } from '../../core/interchange/postmanCollection';
import { EnvironmentImportError, importEnvironment } from '../../core/interchange/postmanEnvironment';
import { cancelledError, SugarError } from '../../core/sugar/errors';
import type { CommandHandler } from '../commands/commandRunner';
import type { Services } from '../services';
import { SUGAR_LANGUAGE } from '../explore/requestDirective';
import { insertRequestText, openUntitledRequest } from './requestEditors';

const FILE_ERRORS: Record<string, string> = { ENOENT: 'does not exist', EACCES: 'may not be read or written', EPERM: 'may not be read or written', EISDIR: 'is a folder', ENOTDIR: 'is not in a folder' };

/** An import's own failures (not JSON, too large, not a curl command, a missing file) as the one sentence the user sees. */
function userError(error: unknown): unknown {
  const known = error instanceof CollectionImportError || error instanceof EnvironmentImportError || error instanceof ImportFileError || error instanceof CurlImportError;
  if (known) return new SugarError({ kind: 'session', explanation: error.message });
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  const problem = code ? FILE_ERRORS[code] : undefined;
  return problem ? new SugarError({ kind: 'session', explanation: `${path ?? 'The file'} ${problem}.` }) : error;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw userError(error);
  }
}

const JSON_FILTERS = { 'Postman JSON': ['json'], 'All files': ['*'] };

/** A file on disk: from the argument, else the open dialog. */
async function fileToImport(arg: unknown, title: string): Promise<vscode.Uri> {
  const picked = arg instanceof vscode.Uri ? [arg] : await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: JSON_FILTERS, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  const uri = picked?.[0];
  if (!uri) throw cancelledError();
  if (uri.scheme !== 'file') throw new SugarError({ kind: 'session', explanation: 'Choose a file on this computer\'s disk.' });
  return uri;
}

/**
 * Where the files go: the folder given, else (a file given as argument) the collection's own
 * folder, else (from the palette) the folder the user picks.
 */
async function targetFolder(fileArg: unknown, folderArg: unknown, file: vscode.Uri): Promise<vscode.Uri> {
  if (folderArg instanceof vscode.Uri) return folderArg;
  if (fileArg instanceof vscode.Uri) return vscode.Uri.joinPath(file, '..');
  const picked = await vscode.window.showOpenDialog({
    title: 'Write the .sugar files into which folder?',
    openLabel: 'Import Here',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(file, '..'),
  });
  if (!picked?.[0]) throw cancelledError();
  if (picked[0].scheme !== 'file') throw new SugarError({ kind: 'session', explanation: 'Choose a folder on this computer\'s disk.' });
  return picked[0];
}

export function importCommands(services: Services): Record<string, CommandHandler> {
  /** Resolves to the URIs of the `.sugar` files written (none is ever overwritten). */
  const importPostmanCollection: CommandHandler = (fileArg, folderArg) =>
    guarded(async () => {
      const file = await fileToImport(fileArg, 'Import Postman Collection');
      const imported = importCollection(await readImportFile(file.fsPath, 'collection'));
      const folder = await targetFolder(fileArg, folderArg, file);
      const written: vscode.Uri[] = [];
      for (const out of imported.files) written.push(vscode.Uri.file(await writeNewFile(folder.fsPath, out.name, '.sugar', out.text)));
      services.log.info(`Imported ${imported.requestCount} requests of the Postman collection "${imported.collectionName}" into ${written.length} .sugar files in ${folder.fsPath}.`);
      if (fileArg === undefined) {
        await vscode.window.showTextDocument(written[0], { preview: false });
        void vscode.window.showInformationMessage(`Imported ${imported.requestCount} requests of "${imported.collectionName}" into ${written.length} .sugar files. Sugar's login requests and scripts were left out: the connection logs in.`);
      }
      return written;
    });

  /** Opens the Add Connection wizard prefilled from a Postman environment; resolves to the new connection's id. */
  const importPostmanEnvironment: CommandHandler = (fileArg) =>
    guarded(async () => {
      const file = await fileToImport(fileArg, 'Import Postman Environment');
      const environment = importEnvironment(await readImportFile(file.fsPath, 'environment'));
      if (environment.used.length === 0) throw new EnvironmentImportError('The environment has none of the values a connection needs (url, username, platform, client_id).');
      if (environment.hadPassword) void vscode.window.showInformationMessage('The password in the Postman environment is not used: type it in the wizard (it is kept in VS Code\'s secret storage if you choose to remember it).');
      // The wizard shows every value before anything is saved; a prefill never carries a password.
      return vscode.commands.executeCommand('sugar.addConnection', undefined, { prefill: environment.start });
    });

  /** Inserts the clipboard's curl command as a request: at the cursor of a .sugar editor, else in a new one. */
  const pasteCurl: CommandHandler = () =>
    guarded(async () => {
      const clipboard = await vscode.env.clipboard.readText();
      if (!looksLikeCurl(clipboard)) throw new CurlImportError('The clipboard holds no curl command (it should start with "curl ").');
      const text = curlToSugar(clipboard);
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document.languageId === SUGAR_LANGUAGE) await insertRequestText(editor, text);
      else await openUntitledRequest(text);
      return text;
    });

  return {
    'sugar.importPostmanCollection': importPostmanCollection,
    'sugar.importPostmanEnvironment': importPostmanEnvironment,
    'sugar.pasteCurl': pasteCurl,
  };
}
