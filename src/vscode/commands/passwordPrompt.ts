import vscode = require('vscode');
import type { Profile } from '../../core/profiles/profile';
import { cancelledError } from '../../core/sugar/errors';

/** Asks for the connection's password (never stored unless the connection remembers it). */
export async function askPassword(profile: Profile): Promise<string> {
  const password = await vscode.window.showInputBox({
    title: `Log in to ${profile.name}`,
    prompt: `Password of ${profile.username} on ${profile.instanceUrl}`,
    password: true,
    ignoreFocusOut: true,
  });
  if (password === undefined) throw cancelledError();
  return password;
}

/** The password a login needs from the user: none when the connection remembers one. */
export function needsPassword(profile: Profile): boolean {
  return !(profile.rememberPassword && profile.password);
}
