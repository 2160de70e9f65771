import vscode = require('vscode');
import { formatRemaining } from '../../core/presentation/countdown';
import { parseSessionRef } from '../../core/session/sessionState';
import { buildApiUrl } from '../../core/sugar/client';
import { curlCommand, curlTokenFormOf, CurlTokenForm, MASKED_TOKEN } from '../../core/sugar/curl';
import { cancelledError } from '../../core/sugar/errors';
import type { Services } from '../services';
import { profileFrom, sessionIdFrom } from './arguments';
import { CommandHandler, forConnection, isContractCall } from './commandRunner';

/** A copied token is good for at least this long: a copy must not hand out a token about to die. */
export const MIN_COPY_VALIDITY_MS = 60_000;

/** Asks whether a copied cURL line carries the token masked or in clear (both cURL commands ask the same). */
export async function askCurlTokenForm(): Promise<CurlTokenForm> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Token masked', description: 'safe to paste in a ticket or chat', form: 'masked' as const },
      { label: 'Token in clear', description: 'runs as it is; the token is valid for its remaining lifetime', form: 'clear' as const },
    ],
    { placeHolder: 'Copy the cURL command with the token…' },
  );
  if (!choice) throw cancelledError();
  return choice.form;
}

export function copyCommands(services: Services): Record<string, CommandHandler> {
  const { engine } = services;

  const copied = (what: string, label: string, expiresAt?: number): void => {
    const left = expiresAt ? ` (valid for ${formatRemaining(expiresAt, services.clock.now())})` : '';
    vscode.window.setStatusBarMessage(`$(check) Copied the ${what} of ${label}${left}`, 4000);
  };

  const expiryOf = (sessionId: string): number | undefined => {
    const ref = parseSessionRef(sessionId);
    const state = engine.state(ref.connectionId);
    return ref.sudoUser ? state.sudo.find((s) => s.userName === ref.sudoUser)?.accessExpiresAt : state.accessExpiresAt;
  };

  return {
    'sugar.copyAccessToken': async (arg) => {
      const { id, profile, label } = await sessionIdFrom(services, arg, 'Copy the access token of which session?');
      return forConnection(profile.id, async () => {
        await vscode.env.clipboard.writeText(await engine.accessToken(id, undefined, MIN_COPY_VALIDITY_MS));
        copied('access token', label, expiryOf(id));
        return undefined;
      });
    },
    'sugar.copyRefreshToken': async (arg) => {
      const profile = await profileFrom(services, arg, 'Copy the refresh token of which connection?');
      return forConnection(profile.id, async () => {
        await vscode.env.clipboard.writeText(await engine.refreshToken(profile.id));
        copied('refresh token', profile.name, engine.state(profile.id).refreshExpiresAt);
        return undefined;
      });
    },
    'sugar.copyDownloadToken': async (arg) => {
      const profile = await profileFrom(services, arg, 'Copy the download token of which connection?');
      return forConnection(profile.id, async () => {
        await vscode.env.clipboard.writeText(await engine.downloadToken(profile.id));
        copied('download token', profile.name);
        return undefined;
      });
    },
    /**
     * From the tree, the palette or the status menu it asks: token masked or in clear. Called with
     * an id (other extensions, tests) it copies the masked line unless the second argument asks
     * for the clear one: `executeCommand('sugar.copyAsCurl', id, { token: 'clear' })`.
     */
    'sugar.copyAsCurl': async (arg, options) => {
      const form = isContractCall([arg]) ? curlTokenFormOf(options) : undefined;
      const { id, profile, label } = await sessionIdFrom(services, arg, 'Copy a cURL command for which session?');
      const chosen = form ?? (await askCurlTokenForm());
      return forConnection(profile.id, async () => {
        const token = chosen === 'clear' ? await engine.accessToken(id, undefined, MIN_COPY_VALIDITY_MS) : MASKED_TOKEN;
        const target = await engine.targetFor(profile.id);
        const url = buildApiUrl(target, { path: '/me' });
        await vscode.env.clipboard.writeText(curlCommand({ method: 'GET', url, token, insecure: !profile.tls.verify }));
        if (chosen === 'clear') copied('cURL command (GET /me, token in clear)', label, expiryOf(id));
        else copied('cURL command (GET /me, token masked)', label);
        return undefined;
      });
    },
  };
}
