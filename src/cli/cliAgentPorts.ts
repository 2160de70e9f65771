/**
 * The agent tools' ports over the runner's one connection (CliContext): the connection as agents
 * see it (named by SUGAR_CONNECTION_NAME, else the instance's host), requests through the engine
 * (logging in on first use, sudo sessions started when a tool names a user), the schema index in
 * memory, and the secrets to redact. The allowlist and writes come from the command line.
 */
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
    // A sudo session is started by the first request that names its user (CliContext.request).
    session: async (_connection, sudoUser) => context.sessionFor(sudoUser),
    request: (sessionId, request, signal) => context.request(sessionId, request, signal),
    schema: (sessionId, signal): Promise<SchemaIndex> => schemas.get(sessionId, (request, s) => context.request(sessionId, request, s), signal),
    knownSecrets: () => [context.engine.knownSecrets(), context.profiles.knownSecrets()],
    publicTexts: () => [name, context.connectionName, context.profiles.cached(context.connectionId)?.username ?? ''],
  };
}
