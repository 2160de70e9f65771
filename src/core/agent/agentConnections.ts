/**
 * The user's connections as agents see them (name, URL, user, platform, logged in, open sudo
 * sessions), read from the profile store and the session engine: never a password, client secret
 * or token. The VS Code front end and the tests use it; the runner has its one connection.
 */
import type { ProfileStore } from '../profiles/profileStore';
import type { SessionEngine } from '../session/sessionEngine';
import { hasTokens, sudoSessionId } from '../session/sessionState';
import { AgentRefusal } from './agentInput';
import type { AgentConnection } from './agentPolicy';

export async function profileAgentConnections(profiles: ProfileStore, engine: SessionEngine): Promise<AgentConnection[]> {
  const summaries = await profiles.list();
  return Promise.all(
    summaries.map(async (profile) => {
      // The stored session is read once per connection; after that the state is in memory.
      const state = engine.isLoaded(profile.id) ? engine.state(profile.id) : await engine.load(profile.id).catch(() => engine.state(profile.id));
      return {
        id: profile.id,
        name: profile.name,
        url: profile.instanceUrl,
        user: state.username ?? profile.username,
        platform: profile.platform,
        loggedIn: hasTokens(state),
        sudoUsers: state.sudo.map((entry) => entry.userName),
      };
    }),
  );
}

/**
 * The session of an open sudo session as `sudoUser` (VS Code never starts one for an agent: the
 * user does, from the Connections view), or the connection's own.
 */
export function openSession(connection: AgentConnection, sudoUser: string | undefined): string {
  if (!sudoUser) return connection.id;
  const open = connection.sudoUsers.find((user) => user === sudoUser) ?? connection.sudoUsers.find((user) => user.toLowerCase() === sudoUser.toLowerCase());
  if (!open) {
    const list = connection.sudoUsers.length ? ` Open sudo sessions: ${connection.sudoUsers.join(', ')}.` : '';
    throw new AgentRefusal(`"${connection.name}" has no sudo session as ${sudoUser.slice(0, 100)}: the user can start one in the Sugar view (Sudo as User…).${list}`);
  }
  return sudoSessionId(connection.id, open);
}
