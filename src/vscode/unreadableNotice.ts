import vscode = require('vscode');
import type { Logger } from '../core/ports';
import type { SecretRecords, UnreadableFinding } from '../core/store/secretRecords';

const BACKUP_SCHEME = 'sugar-backup';

/** What a stored key holds, in the user's words. */
function describeKey(key: string): string {
  if (key === 'sugar.profiles') return 'the list of connections';
  if (key.startsWith('sugar.profile.')) return "a connection's password and client secret";
  if (key.startsWith('sugar.session.')) return "a connection's session";
  return key;
}

/**
 * Tells the user, once per finding, that stored data could not be read (and was moved aside) or
 * may not be written (a newer version wrote it), with Open Log and, for a backup, Restore.
 *
 * Restore opens the backup in a read-only editor (a virtual document, which VS Code never writes
 * to disk, unlike an untitled one): putting unreadable data back under its key would only have it
 * moved aside again, so the user copies out what they need and adds the connection again. The
 * backup stays in the secret store.
 */
export function showUnreadableData(records: SecretRecords, log: Logger & { show(): void }): vscode.Disposable {
  const backups = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: async (uri) => {
      const key = backups.get(uri.path.replace(/^\//, '').replace(/\.json$/, ''));
      const text = key === undefined ? undefined : await records.readBackup(key);
      if (text === undefined) return 'This backup is no longer stored.';
      try {
        return JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        return text;
      }
    },
  };
  const tell = (finding: UnreadableFinding): void => {
    const what = describeKey(finding.key);
    // The reason names counts and types only, never a stored value.
    log.warn(
      finding.backupKey
        ? `Stored data that could not be read (${what}, ${finding.key}): ${finding.reason}. Moved aside to ${finding.backupKey}.`
        : `Stored data kept read-only (${what}, ${finding.key}): ${finding.reason}.`,
    );
    const message = finding.backupKey
      ? `Sugar: ${what} could not be read (${finding.reason}). It was kept as a backup dated ${new Date(finding.at).toLocaleString()}; what could be read works as before.`
      : `Sugar: ${finding.reason}. It is kept as it is, and changes to it are refused until the extension is updated.`;
    const actions = finding.backupKey ? ['Open Log', 'Restore'] : ['Open Log'];
    void vscode.window.showWarningMessage(message, ...actions).then(async (choice) => {
      if (choice === 'Open Log') log.show();
      if (choice === 'Restore' && finding.backupKey) {
        const id = String(backups.size + 1);
        backups.set(id, finding.backupKey);
        const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: BACKUP_SCHEME, path: `/${id}.json` }));
        await vscode.window.showTextDocument(document, { preview: false });
      }
    });
  };
  // Found during activation, before this was listening.
  for (const finding of records.found()) tell(finding);
  const subscriptions = [vscode.workspace.registerTextDocumentContentProvider(BACKUP_SCHEME, provider), records.onDidFindUnreadable(tell)];
  return new vscode.Disposable(() => subscriptions.forEach((subscription) => subscription.dispose()));
}
