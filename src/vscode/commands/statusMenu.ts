import vscode = require('vscode');
import type { Services } from '../services';
import { ConnectionNode } from '../tree/nodes';
import type { CommandHandler } from './commandRunner';
import { hasTokens } from '../../core/session/sessionState';

/** What a click on the status bar offers for the active connection. */
export function statusMenuCommand(services: Services): Record<string, CommandHandler> {
  return {
    'sugar.showConnectionMenu': async () => {
      const profiles = await services.profiles.list();
      const profile = profiles.find((p) => p.id === services.active.id) ?? profiles[0];
      if (!profile) return vscode.commands.executeCommand('sugar.addConnection');
      const state = await services.engine.load(profile.id);
      const loggedIn = hasTokens(state);
      const items: Array<vscode.QuickPickItem & { command?: string }> = [
        ...(loggedIn
          ? [
              { label: '$(send) Send Request…', command: 'sugar.sendRequest' },
              { label: '$(refresh) Refresh Token', command: 'sugar.refresh' },
              { label: '$(key) Copy Access Token', command: 'sugar.copyAccessToken' },
              { label: '$(terminal) Copy as cURL', command: 'sugar.copyAsCurl' },
              // Only an admin may sudo (the session's /me says who it is).
              ...(state.user?.isAdmin ? [{ label: '$(person-add) Sudo as User…', command: 'sugar.sudo' }] : []),
              { label: '$(sign-out) Log Out', command: 'sugar.logout' },
            ]
          : [{ label: '$(sign-in) Log In', command: 'sugar.login' }]),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        { label: '$(arrow-swap) Switch Connection…', command: 'switch', description: `${profiles.length} connection${profiles.length === 1 ? '' : 's'}` },
        { label: '$(output) Show Log', command: 'sugar.showLog' },
      ];
      const picked = await vscode.window.showQuickPick(items, { placeHolder: `${profile.name} (${profile.instanceUrl})` });
      if (!picked?.command) return undefined;
      if (picked.command === 'switch') return vscode.commands.executeCommand('sugar.setActiveConnection');
      // A node, not an id: the command then behaves as a UI call (shows its error, asks what it needs).
      return vscode.commands.executeCommand(picked.command, new ConnectionNode(profile));
    },
  };
}
