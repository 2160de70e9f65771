import vscode = require('vscode');
import { SugarError, isCancellation } from '../../core/sugar/errors';
import { ConnectionNode, isTreeNode } from '../tree/nodes';
import type { Services } from '../services';

export type CommandHandler = (...args: unknown[]) => Promise<unknown>;

/** The connection an error belongs to, so its button (Log In, Edit Connection) acts on the right one. */
const errorConnections = new WeakMap<object, string>();

export async function forConnection<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error && typeof error === 'object' && !errorConnections.has(error)) errorConnections.set(error, connectionId);
    throw error;
  }
}

/**
 * Called by another extension, a keybinding or a test with an id or an argument object: such a
 * caller gets the rejection. From the palette or the tree the error is shown, and that is all.
 */
export function isContractCall(args: unknown[]): boolean {
  const first = args[0];
  return first !== undefined && !isTreeNode(first);
}

const BUTTONS: Record<SugarError['remedy'], string | undefined> = {
  editConnection: 'Edit Connection',
  login: 'Log In',
  openLog: 'Open Log',
  retry: 'Open Log',
  none: undefined,
};

/** One clear sentence with the button that helps; never awaited, so commands settle at once. */
export function showError(services: Services, error: unknown, connectionId?: string): void {
  const explained =
    error instanceof SugarError
      ? error
      : new SugarError({ kind: 'network', remedy: 'openLog', explanation: error instanceof Error ? error.message : String(error) });
  services.log.error(explained.toLogLine());
  const buttons = [BUTTONS[explained.remedy], explained.remedy !== 'openLog' ? 'Open Log' : undefined].filter(
    (button, index, all): button is string => button !== undefined && all.indexOf(button) === index,
  );
  void vscode.window.showErrorMessage(explained.message, ...buttons).then((choice) => {
    if (choice === 'Open Log') services.log.show();
    else if (choice === 'Log In' && connectionId) void logInAsUser(services, connectionId);
    else if (choice === 'Edit Connection' && connectionId) void vscode.commands.executeCommand('sugar.editConnection', connectionId).then(undefined, () => undefined);
  });
}

/** The user clicked Log In: a row's node, not an id, so the login asks what a user is asked (e.g. before ending another session). */
async function logInAsUser(services: Services, connectionId: string): Promise<void> {
  const profile = await services.profiles.summary(connectionId);
  if (profile) await vscode.commands.executeCommand('sugar.login', new ConnectionNode(profile)).then(undefined, () => undefined);
}

export function registerCommand(services: Services, id: string, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      const contract = isContractCall(args);
      if (isCancellation(error) || error instanceof vscode.CancellationError) {
        if (contract) throw error;
        return undefined; // cancelling is silent
      }
      showError(services, error, error && typeof error === 'object' ? errorConnections.get(error) : undefined);
      if (contract) throw error;
      return undefined;
    }
  });
}

/** Long work under a cancellable notification; the token becomes the core's AbortSignal. */
export async function withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) =>
    withAbortSignal(token, work),
  );
}

/** VS Code's cancellation token as the AbortSignal the core takes. */
export function withAbortSignal<T>(token: vscode.CancellationToken | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const subscription = token?.onCancellationRequested(() => controller.abort());
  return work(controller.signal).finally(() => subscription?.dispose());
}
