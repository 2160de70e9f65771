import vscode = require('vscode');
import type { ProfileSummary } from '../core/profiles/profileStore';
import { hasTokens, SessionState } from '../core/session/sessionState';
import type { Services } from './services';
import { askPassword, needsPassword } from './commands/passwordPrompt';
import { Disposable } from './lifecycle';

export const AUTH_PROVIDER_ID = 'sugarcrm';

/**
 * Lets other extensions reuse a connection's session:
 * `vscode.authentication.getSession('sugarcrm', [connectionName])` hands out a valid access token
 * (refreshed through the session engine, so they never spend a refresh token themselves).
 * It owns its registration: disposing it (from context.subscriptions) unregisters it and ends its
 * listener on the engine.
 */
export class SugarAuthenticationProvider extends Disposable implements vscode.AuthenticationProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>());
  readonly onDidChangeSessions = this.changed.event;
  private readonly loggedIn = new Set<string>();

  constructor(private readonly services: Services) {
    super();
    this._register(services.engine.onDidChange((state) => void this.track(state)));
    this._register(vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'SugarCRM', this, { supportsMultipleAccounts: true }));
  }

  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    const sessions: vscode.AuthenticationSession[] = [];
    for (const profile of await this.profilesFor(scopes)) {
      const state = await this.services.engine.load(profile.id);
      if (!hasTokens(state)) continue;
      try {
        sessions.push(await this.sessionOf(profile, state));
      } catch (error) {
        this.services.log.warn(`No token for ${profile.name} to hand out: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return sessions;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const [summary] = await this.profilesFor(scopes);
    // The list holds no secrets; whether a password is remembered is in the connection's record.
    const profile = summary && (await this.services.profiles.get(summary.id));
    if (!profile) throw new Error(`There is no Sugar connection named ${JSON.stringify(scopes[0] ?? '')}; add it in the Sugar view first.`);
    // Called with an id, the login command is a programmatic call and never prompts: ask here.
    const password = needsPassword(profile) ? await askPassword(profile).catch(() => Promise.reject(new vscode.CancellationError())) : undefined;
    await vscode.commands.executeCommand('sugar.login', profile.id, password === undefined ? undefined : { password });
    return this.sessionOf(profile, this.services.engine.state(profile.id));
  }

  async removeSession(sessionId: string): Promise<void> {
    await vscode.commands.executeCommand('sugar.logout', sessionId);
  }

  /** Scopes name connections, by name or id; none means every connection. */
  private async profilesFor(scopes: readonly string[] | undefined): Promise<ProfileSummary[]> {
    const profiles = await this.services.profiles.list();
    if (!scopes || scopes.length === 0) return profiles;
    const wanted = scopes.map((scope) => scope.toLowerCase());
    return profiles.filter((profile) => wanted.includes(profile.name.toLowerCase()) || scopes.includes(profile.id));
  }

  private async sessionOf(profile: ProfileSummary, state: SessionState): Promise<vscode.AuthenticationSession> {
    return {
      id: profile.id,
      accessToken: await this.services.engine.accessToken(profile.id, undefined, 60_000),
      // The label must not change over a session's life: VS Code keeps the user's permission under it.
      account: accountOf(profile, state.username),
      scopes: [profile.name],
    };
  }

  /** Other extensions hear about logins and logouts, not about every refresh. */
  private async track(state: SessionState): Promise<void> {
    const isIn = hasTokens(state);
    const wasIn = this.loggedIn.has(state.connectionId);
    if (isIn === wasIn) return;
    // Names only: every logged-in session reports here at start-up, and must not read secrets.
    const profile = await this.services.profiles.summary(state.connectionId);
    if (!profile) return;
    const session: vscode.AuthenticationSession = {
      id: profile.id,
      accessToken: '',
      account: accountOf(profile, profile.username),
      scopes: [profile.name],
    };
    if (isIn) this.loggedIn.add(state.connectionId);
    else this.loggedIn.delete(state.connectionId);
    this.changed.fire(isIn ? { added: [session], removed: [], changed: [] } : { added: [], removed: [session], changed: [] });
  }
}

function accountOf(profile: ProfileSummary, username: string | undefined): vscode.AuthenticationSessionAccountInformation {
  const user = username ?? profile.username;
  return { id: `${user}@${profile.instanceUrl}`, label: `${user} @ ${profile.name}` };
}
