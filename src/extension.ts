import vscode = require('vscode');
import { join } from 'node:path';
import { systemClock } from './core/ports';
import { Ticker } from './core/presentation/ticker';
import { ProfileConnections } from './core/profiles/profileConnections';
import { ProfileStore } from './core/profiles/profileStore';
import { SecretRecords } from './core/store/secretRecords';
import { FileLock } from './core/session/fileLock';
import { KeepAlive } from './core/session/keepAlive';
import { SessionEngine } from './core/session/sessionEngine';
import { ActiveConnection } from './vscode/activeConnection';
import { SugarAuthenticationProvider } from './vscode/authProvider';
import { registerCommand } from './vscode/commands/commandRunner';
import { trackContextKeys } from './vscode/contextKeys';
import { RedactingLog } from './vscode/log';
import { VsCodeSecretStore } from './vscode/secretStore';
import type { Services } from './vscode/services';
import { Settings } from './vscode/settings';
import { SugarStatusBar } from './vscode/statusBar';
import { ConnectionsTree } from './vscode/tree/connectionsTree';
import { MementoCache } from './vscode/versionCache';
import { EndpointCatalog } from './vscode/explore/endpointCatalog';
import { HistoryStore } from './vscode/explore/historyStore';
import type { RequestSender } from './vscode/explore/requestSender';
import type { ResponseTabs } from './vscode/explore/responseTabs';
import type { SchemaService } from './vscode/schema/schemaService';
import { RequestCodeLenses } from './vscode/explore/requestCodeLenses';
import { RequestDiagnostics } from './vscode/explore/requestDiagnostics';
import { registerSugarLanguage } from './vscode/language/registerSugarLanguage';
import { SUGAR_LANGUAGE } from './vscode/explore/requestDirective';
import { lazy, LazySugarClient } from './lazyLoader';
import { COMMAND_IDS } from './vscode/commandIds';
import { ResponseDocuments } from './vscode/explore/responseDocuments';
import { ServerInfoCache } from './vscode/explore/serverInfo';
import { registerRecordScheme } from './vscode/records/recordScheme';
import { watchCurlPastes } from './vscode/interchange/curlPasteWatcher';

/**
 * Damaged stored data is rare: its notice (and the viewer for its backups) is loaded behind the
 * lazy seam only once there is some. Made a tick after the finding, so that the notice, which
 * tells what was found so far and then listens, does not hear it a second time.
 */
function watchUnreadableData(records: SecretRecords, log: RedactingLog): vscode.Disposable {
  let notice: vscode.Disposable | undefined;
  const show = (): void => void (notice ??= lazy().showUnreadableData(records, log));
  if (records.found().length > 0) show();
  const listening = records.onDidFindUnreadable(() => queueMicrotask(show));
  return new vscode.Disposable(() => {
    listening.dispose();
    notice?.dispose();
  });
}

/** What other extensions and the host tests can ask of an activated extension. */
export interface SugarExplorerApi {
  /** The state as known now (sessions are read from the store shortly after activation). */
  sessionState(connectionId: string): ReturnType<SessionEngine['state']>;
  /** The state once the connection's session has been read from the store. */
  loadSessionState(connectionId: string): ReturnType<SessionEngine['load']>;
  connections(): Promise<Array<{ id: string; name: string }>>;
}

/** The composition root: builds the objects, registers them, nothing else. */
export async function activate(context: vscode.ExtensionContext): Promise<SugarExplorerApi> {
  const store = new VsCodeSecretStore(context.secrets);
  const settings = new Settings();
  // Every window of this VS Code shares the global storage folder: the lock that keeps two
  // windows from losing each other's writes (and from spending the same refresh token) lives there.
  const lock = new FileLock(join(context.globalStorageUri.fsPath, 'locks'));
  const records = new SecretRecords(store, lock);
  const profiles = new ProfileStore(store, records);
  // Called on each log line, after the engine below exists.
  const log: RedactingLog = new RedactingLog(() => [engine.knownSecrets(), profiles.knownSecrets()], {
    // Shown in the tree anyway: a short password equal to one of these is not blanked out of every line.
    publicTexts: () => profiles.cachedIds().flatMap((id) => [profiles.cached(id)?.name ?? '', profiles.cached(id)?.username ?? '']),
  });
  const client = new LazySugarClient(log, { responseSizeLimitBytes: () => settings.responseSizeLimitBytes });
  const connections = new ProfileConnections(profiles, client, new MementoCache(context.globalState), () => settings.network);
  const engine: SessionEngine = new SessionEngine({
    store,
    clock: systemClock,
    logger: log,
    client,
    connections,
    lock,
    // Sessions persist through the same store primitive as the connections (damage kept aside, reported).
    records,
    expiringSoonMs: () => settings.expiringSoonMs,
    // An edited instance, client or platform ends the connection's session at once (and says so).
    watchConnections: (listener) => profiles.onDidChange(listener),
  });
  const ticker = new Ticker(systemClock);
  const active = new ActiveConnection(context.globalState);
  const history = new HistoryStore(context.globalState);
  const documents = new ResponseDocuments();
  let sender: RequestSender | undefined;
  let tabs: ResponseTabs | undefined;
  const explore = {
    catalog: new EndpointCatalog(engine, client, context.globalState),
    history,
    serverInfo: new ServerInfoCache(engine),
    documents,
    // Made on the first request, by code that runs behind the lazy seam anyway.
    get sender(): RequestSender {
      sender ??= new (lazy().RequestSender)((error) => log.warn(`Could not show a response: ${String(error)}`), engine, profiles, systemClock, history, this.tabs);
      return sender;
    },
    get tabs(): ResponseTabs {
      tabs ??= new (lazy().ResponseTabs)(documents);
      return tabs;
    },
  };
  let schema: SchemaService | undefined;
  const services: Services = {
    context, profiles, engine, connections, client, log, active, settings, ticker, clock: systemClock, explore,
    // Metadata is never asked at activation: the first question about a connection's data makes this.
    get schema(): SchemaService {
      const { SchemaService: Service, SchemaFiles } = lazy();
      schema ??= new Service(engine, profiles, new SchemaFiles(join(context.globalStorageUri.fsPath, 'schema')));
      return schema;
    },
  };
  const codeLenses = new RequestCodeLenses(services);

  const tree = new ConnectionsTree(services);
  const view = vscode.window.createTreeView('sugar.connections', { treeDataProvider: tree, showCollapseAll: true });
  services.revealSession = async (sessionId) => {
    const node = await tree.nodeOf(sessionId);
    if (node) await view.reveal(node, { select: true, focus: true, expand: true });
  };
  tree.reveal = (node, options) => view.reveal(node, options);
  const keepAlive = new KeepAlive(engine, log, { enabled: () => settings.keepSessionAlive, connectionIds: () => profiles.cachedIds() });

  context.subscriptions.push(
    log,
    watchUnreadableData(records, log),
    { dispose: () => void client.close() },
    profiles,
    engine,
    ticker,
    active,
    tree,
    view,
    new SugarStatusBar(services),
    ticker.add(keepAlive),
    trackContextKeys(services),
    new SugarAuthenticationProvider(services),
    settings.onDidChange(() => ticker.reschedule()),
    // Any session change can move a deadline: the countdowns and keep-alive share this one timer.
    // Soon rather than at once: at start-up every stored session's first read is a change.
    engine.onDidChange(() => ticker.rescheduleSoon()),
    // A session ended because its connection was edited to another instance, client or platform:
    // said once per window here, not by a view that may not exist.
    engine.onDidRetire((retirement) => void vscode.window.showWarningMessage(retirement.explanation)),
    explore.catalog,
    history,
    explore.serverInfo,
    documents,
    // Record editors: the scheme now (restored editors ask at once), its provider on first use.
    registerRecordScheme(services, () => lazy().recordFiles(services)),
  );
  for (const id of COMMAND_IDS) {
    context.subscriptions.push(registerCommand(services, id, (...args) => lazy().commandHandlers(services)[id](...args)));
  }
  // What .sugar files get (CodeLenses, problems, completion, hovers) is registered right after
  // activation rather than during it: each registration is a message to VS Code's main thread,
  // and activation blocks every other extension's start. An open .sugar file is served a moment later.
  const sugarFileFeatures = setTimeout(() => {
    context.subscriptions.push(
      codeLenses,
      vscode.languages.registerCodeLensProvider({ language: SUGAR_LANGUAGE }, codeLenses),
      new RequestDiagnostics(),
      registerSugarLanguage(services),
      watchCurlPastes((event) => void lazy().convertPastedCurl(event).catch((error: unknown) => log.warn(`Paste cURL: ${String(error)}`))),
    );
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(sugarFileFeatures) });

  if (process.env.SUGAR_EXPLORER_SEED_FILE) await lazy().seedConnections(services, process.env.SUGAR_EXPLORER_SEED_FILE);
  // Sessions are read after activation, so that keep-alive and the countdowns know them even
  // while the view is closed; activation itself reads no more than the profile list.
  void profiles
    .list()
    .then((all) => {
      // A locked keyring: the view explains it too; nothing here may reject unhandled.
      const problem = profiles.readProblem();
      if (problem) log.error(problem);
      return Promise.all(all.map((profile) => engine.load(profile.id)));
    })
    .catch((error: unknown) => log.warn(`Could not read the stored sessions: ${error instanceof Error ? error.message : String(error)}`));

  return {
    sessionState: (connectionId) => engine.state(connectionId),
    loadSessionState: (connectionId) => engine.load(connectionId),
    connections: async () => (await profiles.list()).map(({ id, name }) => ({ id, name })),
  };
}

export function deactivate(): void {
  // Everything lives in context.subscriptions.
}
