/**
 * Everything that is needed only on first use: the HTTP client and its error explanations, the
 * command bodies, the connection wizard. The bundler makes this dist/lazy.js, loaded by
 * lazyLoader.ts the first time one of them is needed, so that activation loads and evaluates only
 * the small part that shows the tree and the status bar. This is the one lazy boundary: the
 * modules both sides import exist once, in dist/extension.js (see esbuild.js).
 */
import type { Logger } from './core/ports';
import { answerLimitsWith } from './core/sugar/answerBody';
import { SugarClient } from './core/sugar/client';
import { UndiciHttpDispatcher } from './core/sugar/http';
import type { CommandHandler } from './vscode/commands/commandRunner';
import { connectionCommands } from './vscode/commands/connectionCommands';
import { copyCommands } from './vscode/commands/copyCommands';
import { sessionCommands } from './vscode/commands/sessionCommands';
import { statusMenuCommand } from './vscode/commands/statusMenu';
import { exploreCommands } from './vscode/explore/exploreCommands';
import { requestFileCommands } from './vscode/explore/requestFiles';
import { runFileCommands } from './vscode/checks/runFileCommand';
import { filterCommands } from './vscode/filter/filterCommands';
import { recordCommands } from './vscode/records/recordCommands';
import { recordFileCommands } from './vscode/records/recordFileCommands';
import { moduleCommands } from './vscode/schema/moduleCommands';
import { responseCommands } from './vscode/explore/responseCommands';
import { exportCommands } from './vscode/interchange/exportCommands';
import { importCommands } from './vscode/interchange/importCommands';
import type { Services } from './vscode/services';

// The /help parser and what goes with it: an HTML tokenizer is too big for the activation bundle.
export { groupEndpoints, parseHelpPage, readHelpPage } from './core/explore/helpPage';
export { seedConnections } from './vscode/seed';
// History's readers and its rows' texts: when History is written to or opened.
export { addToHistory, readHistory } from './core/explore/history';
export { historyDescription, historyLabel, historyTooltip } from './core/explore/historyDisplay';
export { showUnreadableData } from './vscode/unreadableNotice';
// Only open .sugar files need these, and the first request: not activation.
export { parseRequestFile } from './core/explore/requestFile';
// Assertion results beside a .sugar file's lines, and its Run All lens: once a .sugar file is open.
export { checkResultsOf } from './vscode/checks/checkResults';
export { checkLenses } from './vscode/checks/checkLenses';
export { RequestSender } from './vscode/explore/requestSender';
export { ResponseTabs } from './vscode/explore/responseTabs';
export { SchemaFiles } from './vscode/schema/schemaFiles';
export { SchemaService } from './vscode/schema/schemaService';
// What an open .sugar file gets (CodeLenses, problems, IntelliSense's stubs): with the first one.
export { registerSugarFileFeatures } from './vscode/explore/sugarFileFeatures';
// IntelliSense in .sugar files: the providers' bodies, asked per request by their stubs.
export { sugarLanguageFeatures } from './vscode/language/sugarLanguageFeatures';
// Record editors (the sugar-record: scheme's real provider): on the first record opened or restored.
export { recordFiles } from './vscode/records/recordFiles';
// The Modules node's rows and what loads them: only once a Modules node is expanded.
export { moduleTreeFor } from './vscode/tree/moduleTree';
// The Sugar language model tools' bodies: on an agent's first call.
export { AgentToolService } from './vscode/agent/agentToolService';
// The Testing view's tree and runs: once the Testing view (or a run) asks for tests.
export { sugarTesting } from './vscode/testing/sugarTesting';

/** What the VS Code layer tunes in the client: the response size limit (a setting). */
export interface ClientSettings {
  responseSizeLimitBytes?: () => number;
}

export function createClient(logger: Logger, settings: ClientSettings = {}): { client: SugarClient; close(): Promise<void> } {
  const http = new UndiciHttpDispatcher();
  const answerLimits = settings.responseSizeLimitBytes ? answerLimitsWith(settings.responseSizeLimitBytes) : undefined;
  return { client: new SugarClient(http, logger, { answerLimits }), close: () => http.close() };
}

const handlersByServices = new WeakMap<Services, Record<string, CommandHandler>>();

/** Every command body, built once per extension instance. */
export function commandHandlers(services: Services): Record<string, CommandHandler> {
  let handlers = handlersByServices.get(services);
  if (!handlers) {
    handlers = {
      ...connectionCommands(services),
      ...sessionCommands(services),
      ...copyCommands(services),
      ...statusMenuCommand(services),
      ...exploreCommands(services),
      ...requestFileCommands(services),
      ...runFileCommands(services),
      ...filterCommands(services),
      ...recordCommands(services),
      ...recordFileCommands(services),
      ...moduleCommands(services),
      ...responseCommands(services),
      ...exportCommands(services),
      ...importCommands(services),
    };
    handlersByServices.set(services, handlers);
  }
  return handlers;
}
