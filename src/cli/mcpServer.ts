/**
 * `sugar-rest mcp`: the agent tools of the extension (src/core/agent) as an MCP server over stdio,
 * with the official SDK, for agents outside VS Code. The connection comes from the environment as
 * for `run`; agents reach it only when `--allow <its name>` names it, and requests that change data
 * are refused unless `--allow-writes`. stdout carries MCP messages only (the log goes to stderr).
 * The session is logged out when the client disconnects (stdin ends) or on SIGTERM/SIGINT.
 *
 * Loaded only for this subcommand (dist/mcp.js, see main.ts): `run` never loads the SDK.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import * as z from 'zod';
import { AGENT_TOOLS, type JsonSchema } from '../core/agent/agentToolDefinitions';
import { AgentToolbox } from '../core/agent/agentToolbox';
import { cliAgentPorts, cliConnectionName, type McpRules } from './cliAgentPorts';
import { CliConfigError, CliUsageError, openCliContext } from './cliContext';
import type { CliIo } from './runCommand';

export const MCP_USAGE = 'sugar-rest mcp --allow <connection name> [--allow-writes] [--allow-sudo <user>]… [--insecure]';

export function mcpHelpText(): string {
  return [
    `Usage: ${MCP_USAGE}`,
    '',
    'Serves the Sugar agent tools (sugar_listConnections, sugar_listModules, sugar_describeModule,',
    'sugar_findRecords, sugar_sendRequest) to an MCP client over stdio, as the connection the SUGAR_*',
    'variables describe. Its name is SUGAR_CONNECTION_NAME, else the instance\'s host; agents reach it',
    'only when --allow names it. Requests other than GET are refused unless --allow-writes (the MCP',
    'client then asks the user before each call of sugar_sendRequest, which is marked destructive).',
    'An agent acts as another user (sudoUser) only as a user --allow-sudo names: a sudo session ends that',
    'user\'s own session on the platform. Logs go to stderr; the session is logged out when the client',
    'disconnects or on SIGTERM.',
  ].join('\n');
}

interface McpArguments extends McpRules {
  insecureTls: boolean;
  help: boolean;
}

export function parseMcpArguments(args: readonly string[]): McpArguments {
  const parsed: McpArguments = { allow: [], allowWrites: false, sudoUsers: [], insecureTls: false, help: false };
  const allow: string[] = [];
  const sudoUsers: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--allow': {
        const value = inline ?? args[++i];
        if (!value) throw new CliUsageError(`--allow needs a connection name: ${MCP_USAGE}`);
        allow.push(value.trim());
        break;
      }
      case '--allow-sudo': {
        const value = inline ?? args[++i];
        if (!value) throw new CliUsageError(`--allow-sudo needs a user name: ${MCP_USAGE}`);
        sudoUsers.push(value.trim());
        break;
      }
      case '--allow-writes':
        parsed.allowWrites = true;
        break;
      case '--insecure':
        parsed.insecureTls = true;
        break;
      case '--help':
      case '-h':
        parsed.help = true;
        break;
      default:
        throw new CliUsageError(`Unknown argument ${flag.slice(0, 100)}: ${MCP_USAGE}`);
    }
  }
  return { ...parsed, allow, sudoUsers };
}

/** The SDK takes zod shapes: the same schemas as VS Code's, made loose where the core checks anyway. */
function zodOf(schema: JsonSchema): z.ZodType {
  let type: z.ZodType;
  switch (schema.type) {
    case 'string': type = schema.enum ? z.enum(schema.enum as [string, ...string[]]) : z.string(); break;
    case 'integer': type = z.number().int(); break;
    case 'boolean': type = z.boolean(); break;
    case 'array': type = z.array(schema.items ? zodOf(schema.items) : z.unknown()); break;
    default: type = schema.properties && Object.keys(schema.properties).length ? z.object(shapeOf(schema)).passthrough() : z.record(z.string(), z.unknown());
  }
  return schema.description ? type.describe(schema.description) : type;
}

function shapeOf(schema: JsonSchema): Record<string, z.ZodType> {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, required.has(name) ? zodOf(property) : zodOf(property).optional()]));
}

export async function mcpCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: McpArguments;
  try {
    parsed = parseMcpArguments(args);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 2;
  }
  if (parsed.help) {
    // stdout is the MCP channel only once a server runs; help is asked of a terminal.
    io.stdout(`${mcpHelpText()}\n`);
    return 0;
  }
  // Anything a dependency prints with console.log would corrupt the MCP stream: it goes to stderr.
  console.log = console.error;
  console.info = console.error;
  let context;
  try {
    // No login yet: listing the connection needs none, and a wrong password is then a tool's answer the agent can relay.
    context = await openCliContext(io.env, { login: false, insecureTls: parsed.insecureTls });
  } catch (error) {
    io.stderr(`${error instanceof CliConfigError ? error.message : `sugar-rest mcp failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
    return 2;
  }
  const name = cliConnectionName(io.env, context);
  // The password and client secret are known to the redaction before any answer.
  await context.profiles.get(context.connectionId);
  if (parsed.allow.length === 0) context.logger.warn(`No connection is allowed for agents: start with --allow ${name} to let them use it.`);
  for (const allowed of parsed.allow) if (allowed !== name) context.logger.warn(`--allow ${allowed} names no connection: the environment's connection is named "${name}" (SUGAR_CONNECTION_NAME sets another name).`);
  const toolbox = new AgentToolbox(cliAgentPorts(context, name, parsed));
  const server = new McpServer({ name: 'sugar-rest', version: io.version });
  const running = new AbortController();
  for (const tool of AGENT_TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.displayName,
        description: tool.description,
        inputSchema: shapeOf(tool.inputSchema),
        annotations: { title: tool.displayName, readOnlyHint: tool.readOnly, destructiveHint: !tool.readOnly, openWorldHint: true },
      },
      async (input: unknown, extra: { signal: AbortSignal }) => {
        const result = await toolbox.run(tool.name, input, AbortSignal.any([extra.signal, running.signal]));
        return { content: [{ type: 'text' as const, text: result.text }], isError: result.isError };
      },
    );
  }

  const transport = new StdioServerTransport();
  const ended = new Promise<string>((resolve) => {
    process.stdin.once('end', () => resolve('the client disconnected'));
    process.stdin.once('close', () => resolve('the client disconnected'));
    // A client that went away without closing: writing to it fails.
    process.stdout.once('error', () => resolve('stdout closed'));
    io.interrupt.addEventListener('abort', () => resolve(io.interruptedBy() ?? 'interrupted'), { once: true });
    transport.onerror = (error) => context.logger.warn(`MCP transport: ${error.message}`);
  });
  await server.connect(transport);
  context.logger.info(`MCP server ready: connection "${name}" (${parsed.allow.includes(name) ? 'allowed' : 'not allowed'} for agents), writes ${parsed.allowWrites ? 'allowed' : 'refused'}.`);
  const why = await ended;
  context.logger.info(`Stopping (${why}): logging out…`);
  running.abort();
  await server.close().catch(() => undefined);
  const { loggedOut } = await context.close();
  if (loggedOut) context.logger.info(`Logged out of ${context.connectionName}.`);
  return why === 'SIGINT' ? 130 : why === 'SIGTERM' ? 143 : 0;
}
