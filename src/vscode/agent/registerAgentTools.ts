/**
 * Registers the Sugar language model tools (package.json contributes.languageModelTools) after
 * activation. Only names and stubs live here, in the activation bundle: the first call loads the
 * bodies (AgentToolService) behind the lazy seam.
 */
import vscode = require('vscode');
import { AGENT_TOOL_NAMES } from '../../core/agent/agentToolNames';
import type { AgentToolService } from './agentToolService';

export function registerAgentTools(service: () => AgentToolService): vscode.Disposable {
  // A host without the language model API (or with it switched off) simply gets no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return new vscode.Disposable(() => undefined);
  return vscode.Disposable.from(
    ...AGENT_TOOL_NAMES.map((name) =>
      vscode.lm.registerTool<unknown>(name, {
        prepareInvocation: (options) => service().prepare(name, options.input),
        invoke: (options, token) => service().invoke(name, options.input, token),
      }),
    ),
  );
}
