import vscode = require('vscode');
import type { Services } from './services';
import { toVsDisposable } from './disposables';

/** `sugar.hasConnections` and `sugar.hasSudo`: what viewsWelcome and the palette's when-clauses read. */
export function trackContextKeys(services: Services): vscode.Disposable {
  let hasConnections: boolean | undefined;
  let hasSudo: boolean | undefined;
  const update = async (): Promise<void> => {
    const profiles = await services.profiles.list();
    const connections = profiles.length > 0;
    const sudo = profiles.some((profile) => services.engine.state(profile.id).sudo.length > 0);
    if (connections !== hasConnections) void vscode.commands.executeCommand('setContext', 'sugar.hasConnections', (hasConnections = connections));
    if (sudo !== hasSudo) void vscode.commands.executeCommand('setContext', 'sugar.hasSudo', (hasSudo = sudo));
  };
  void update();
  return vscode.Disposable.from(
    toVsDisposable(services.profiles.onDidChange(() => void update())),
    toVsDisposable(services.engine.onDidChange(() => void update())),
  );
}
