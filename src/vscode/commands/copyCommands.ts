import vscode = require('vscode');
import { formatRemaining } from '../../core/presentation/countdown';
import { parseSessionRef } from '../../core/session/sessionState';
import { buildApiUrl } from '../../core/sugar/client';
import { curlCommand } from '../../core/sugar/curl';
import type { Services } from '../services';
import { profileFrom, sessionIdFrom } from './arguments';
import { CommandHandler, forConnection } from './commandRunner';

/** A copied token is good for at least this long: a copy must not hand out a token about to die. */
const MIN_COPY_VALIDITY_MS = 60_000;

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
    'sugar.copyAsCurl': async (arg) => {
      const { id, profile, label } = await sessionIdFrom(services, arg, 'Copy a cURL command for which session?');
      return forConnection(profile.id, async () => {
        const token = await engine.accessToken(id, undefined, MIN_COPY_VALIDITY_MS);
        const target = await engine.targetFor(profile.id);
        const url = buildApiUrl(target, { path: '/me' });
        await vscode.env.clipboard.writeText(curlCommand({ method: 'GET', url, token, insecure: !profile.tls.verify }));
        copied('cURL command (GET /me)', label, expiryOf(id));
        return undefined;
      });
    },
  };
}
