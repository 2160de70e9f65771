/**
 * The `sugar-record:` scheme, registered at activation (VS Code restores record editors before any
 * command runs) as a stand-in that hands every call to the real provider behind the lazy seam
 * (recordFiles.ts), made on the first call. Its change events go out through this stand-in.
 */
import vscode = require('vscode');

export const RECORD_SCHEME = 'sugar-record';

const emitters = new WeakMap<object, vscode.EventEmitter<vscode.FileChangeEvent[]>>();

/** How the real provider tells VS Code that a record's text changed (a save's answer, an upload). */
export function recordFileEvents(owner: object): (events: vscode.FileChangeEvent[]) => void {
  return (events) => emitters.get(owner)?.fire(events);
}

export function registerRecordScheme(owner: object, real: () => Pick<vscode.FileSystemProvider, 'stat' | 'readFile' | 'writeFile'>): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  emitters.set(owner, changed);
  const readOnly = (): never => {
    throw vscode.FileSystemError.NoPermissions('Records are changed by saving their editor.');
  };
  const provider: vscode.FileSystemProvider = {
    onDidChangeFile: changed.event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: (uri) => real().stat(uri),
    readFile: (uri) => real().readFile(uri),
    writeFile: (uri, content, options) => real().writeFile(uri, content, options),
    readDirectory: () => [],
    createDirectory: readOnly,
    delete: readOnly,
    rename: readOnly,
  };
  return vscode.Disposable.from(changed, vscode.workspace.registerFileSystemProvider(RECORD_SCHEME, provider, { isCaseSensitive: true }));
}
