/**
 * The bodies of the Sugar language model tools (behind the lazy seam): the core's toolbox over
 * this window's connections, sessions and schema, with the user's settings
 * (sugar.agents.allowedConnections, sugar.agents.allowWrites). prepareInvocation asks the user
 * to confirm every request that changes data, naming the connection and the user it runs as.
 * Each call leaves one line in the Sugar log, so the user can see what agents did.
 */
import vscode = require('vscode');
import { openSession, profileAgentConnections } from '../../core/agent/agentConnections';
import type { AgentRules } from '../../core/agent/agentPolicy';
import { AgentToolbox } from '../../core/agent/agentToolbox';
import type { Services } from '../services';

const SETTING_CONNECTIONS = 'sugar.agents.allowedConnections';
const SETTING_WRITES = 'sugar.agents.allowWrites';

/** Read at every call: a changed setting holds for the next tool call. Only strings count. */
function rulesNow(): AgentRules {
  const config = vscode.workspace.getConfiguration('sugar.agents');
  const names = config.get<unknown>('allowedConnections');
  return {
    allowedConnections: Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string').map((name) => name.trim()) : [],
    allowWrites: config.get<unknown>('allowWrites') === true,
    howToAllowConnection: (name) => `the user adds ${name === '<name>' ? 'its name' : JSON.stringify(name)} to the setting ${SETTING_CONNECTIONS}`,
    howToAllowWrites: `the setting ${SETTING_WRITES}`,
  };
}

function signalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

export class AgentToolService {
  private readonly toolbox: AgentToolbox;

  constructor(private readonly services: Services) {
    const { profiles, engine } = services;
    this.toolbox = new AgentToolbox({
      connections: () => profileAgentConnections(profiles, engine),
      rules: rulesNow,
      session: async (connection, sudoUser) => openSession(connection, sudoUser),
      request: (sessionId, request, signal) => engine.request(sessionId, request, signal),
      schema: (sessionId, signal) => services.schema.index(sessionId, signal),
      knownSecrets: () => [engine.knownSecrets(), profiles.knownSecrets()],
      publicTexts: () => profiles.cachedIds().flatMap((id) => [profiles.cached(id)?.name ?? '', profiles.cached(id)?.username ?? '']),
    });
  }

  async prepare(name: string, input: unknown): Promise<vscode.PreparedToolInvocation> {
    const prepared = await this.toolbox.prepare(name, input);
    const confirmation = prepared.confirmation;
    if (!confirmation) return { invocationMessage: prepared.invocationMessage };
    this.services.log.info(`Agent tool ${name} asks the user: ${confirmation.title}`);
    const message = new vscode.MarkdownString().appendText(confirmation.summary);
    if (confirmation.body) message.appendCodeblock(confirmation.body, 'json');
    return { invocationMessage: prepared.invocationMessage, confirmationMessages: { title: confirmation.title, message } };
  }

  async invoke(name: string, input: unknown, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const result = await this.toolbox.run(name, input, signalOf(token));
    const firstLine = result.text.slice(0, Math.min(200, (result.text.indexOf('\n') + 1 || result.text.length + 1) - 1));
    this.services.log.info(`Agent tool ${name}: ${result.isError ? 'refused or failed: ' : ''}${firstLine}`);
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(result.text)]);
  }
}
