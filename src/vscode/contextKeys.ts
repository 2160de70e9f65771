import vscode = require('vscode');
import type { Services } from './services';
import { DisposableStore, IDisposable } from './lifecycle';

/** `sugar.hasConnections` and `sugar.hasSudo`: what viewsWelcome and the palette's when-clauses read. */
export function trackContextKeys(services: Services): IDisposable {
  let hasConnections: boolean | undefined;
  let hasSudo: boolean | undefined;
  // Kept per change, not recounted over every connection: at start-up each stored session's
  // first read is a change, and a thousand connections would make that a million state reads.
  const withSudo = new Set<string>();
  const publish = (): void => {
    const sudo = withSudo.size > 0;
    if (sudo !== hasSudo) void vscode.commands.executeCommand('setContext', 'sugar.hasSudo', (hasSudo = sudo));
  };
  const update = async (): Promise<void> => {
    const profiles = await services.profiles.list();
    const connections = profiles.length > 0;
    if (connections !== hasConnections) void vscode.commands.executeCommand('setContext', 'sugar.hasConnections', (hasConnections = connections));
    const ids = new Set(profiles.map((profile) => profile.id));
    for (const id of withSudo) if (!ids.has(id)) withSudo.delete(id);
    for (const profile of profiles) if (services.engine.state(profile.id).sudo.length > 0) withSudo.add(profile.id);
    publish();
  };
  const subscriptions = new DisposableStore();
  subscriptions.add(services.profiles.onDidChange(() => void update()));
  subscriptions.add(
    services.engine.onDidChange((state) => {
      if (state.sudo.length > 0) withSudo.add(state.connectionId);
      else withSudo.delete(state.connectionId);
      publish();
    }),
  );
  void update();
  return subscriptions;
}
