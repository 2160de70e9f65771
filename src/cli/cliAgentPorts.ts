/**
 * The agent tools' ports over the runner's one connection (CliContext): the connection as agents
 * see it (named by SUGAR_CONNECTION_NAME, else the instance's host), requests through the engine
 * (logging in on first use, sudo sessions started for the users --allow-sudo names), the schema index in
 * memory, and the secrets to redact. The allowlist and writes come from the command line.
 */
import { AgentRefusal } from '../core/agent/agentInput';
import type { AgentConnection, AgentRules } from '../core/agent/agentPolicy';
import type { AgentPorts } from '../core/agent/agentToolbox';
import type { SchemaIndex } from '../core/schema/schemaIndex';
import { SchemaSource } from '../core/schema/schemaSource';
import { hasTokens } from '../core/session/sessionState';
import type { CliContext } from './cliContext';

export interface McpRules {
  /** Connection names from `--allow`. */
  allow: readonly string[];
  /** `--allow-writes`. */
  allowWrites: boolean;
  /** `--allow-sudo`: the users agents may act as (none by default). */
  sudoUsers: readonly string[];
}

/** The name agents use for the environment's connection. */
export function cliConnectionName(env: NodeJS.ProcessEnv, context: Pick<CliContext, 'connectionName'>): string {
  const named = env.SUGAR_CONNECTION_NAME?.trim();
  return named ? named.slice(0, 200) : context.connectionName;
}

export function cliAgentPorts(context: CliContext, name: string, rules: McpRules): AgentPorts {
  // The metadata of a run is kept in memory only: an MCP server is one session of one client.
  const schemas = new SchemaSource({ read: async () => undefined, write: async () => undefined });
  const agentRules: AgentRules = {
    allowedConnections: rules.allow,
    allowWrites: rules.allowWrites,
    howToAllowConnection: (wanted) => `the user starts the server with --allow ${wanted === '<name>' || /^[\w.@:-]+$/.test(wanted) ? wanted : JSON.stringify(wanted)}`,
    howToAllowWrites: 'the user starts the server with --allow-writes',
  };
  return {
    connections: async () => {
      const profile = await context.profiles.get(context.connectionId);
      const state = context.engine.state(context.connectionId);
      const connection: AgentConnection = {
        id: context.connectionId,
        name,
        url: profile?.instanceUrl ?? '',
        user: profile?.username ?? '',
        platform: profile?.platform ?? '',
        loggedIn: hasTokens(state),
        sudoUsers: state.sudo.map((entry) => entry.userName),
      };
      return [connection];
    },
    rules: () => agentRules,
    // A sudo session is started by the first request that names its user (CliContext.request). Issuing
    // one is a POST to /oauth2/sudo that ends that user's own session on the platform: as VS Code
    // lets agents use only the sudo sessions the user opened, the runner only the users --allow-sudo names.
    session: async (_connection, sudoUser) => {
      if (sudoUser === undefined) return context.sessionFor(undefined);
      const allowed = rules.sudoUsers.find((user) => user === sudoUser) ?? rules.sudoUsers.find((user) => user.toLowerCase() === sudoUser.toLowerCase());
      if (allowed === undefined) {
        const shown = sudoUser.slice(0, 100);
        throw new AgentRefusal(`"${name}" acts as another user only as the users the server was started to allow: the user starts it with --allow-sudo ${/^[\w.@-]+$/.test(shown) ? shown : JSON.stringify(shown)}.`);
      }
      return context.sessionFor(allowed);
    },
    request: (sessionId, request, signal) => context.request(sessionId, request, signal),
    schema: (sessionId, signal): Promise<SchemaIndex> => schemas.get(sessionId, (request, s) => context.request(sessionId, request, s), signal),
    knownSecrets: () => [context.engine.knownSecrets(), context.profiles.knownSecrets()],
    publicTexts: () => [name, context.connectionName, context.profiles.cached(context.connectionId)?.username ?? ''],
  };
}
