import type * as vscode from 'vscode';
import type { ProfileConnections } from '../core/profiles/profileConnections';
import type { ProfileStore } from '../core/profiles/profileStore';
import type { Ticker } from '../core/presentation/ticker';
import type { Clock } from '../core/ports';
import type { SessionEngine } from '../core/session/sessionEngine';
import type { SugarApi } from '../core/sugar/client';
import type { ActiveConnection } from './activeConnection';
import type { EndpointCatalog } from './explore/endpointCatalog';
import type { HistoryStore } from './explore/historyStore';
import type { RequestSender } from './explore/requestSender';
import type { ResponseDocuments } from './explore/responseDocuments';
import type { ResponseTabs } from './explore/responseTabs';
import type { ServerInfoCache } from './explore/serverInfo';
import type { RedactingLog } from './log';
import type { SchemaService } from './schema/schemaService';
import type { Settings } from './settings';

/** What command bodies and views are handed by the composition root; nothing reaches for globals. */
export interface Services {
  context: vscode.ExtensionContext;
  profiles: ProfileStore;
  engine: SessionEngine;
  connections: ProfileConnections;
  client: SugarApi;
  log: RedactingLog;
  active: ActiveConnection;
  settings: Settings;
  ticker: Ticker;
  clock: Clock;
  explore: ExploreServices;
  /** The instance's modules, fields and links, per session (made on first use, behind the lazy seam). */
  readonly schema: SchemaService;
  /** Shows a connection's or sudo session's row in the Connections view (its parent expanded); set once the view exists. */
  revealSession?: (sessionId: string) => Promise<void>;
  /** Shows (and expands) a module's Records row below a session's Modules row; set once the view exists. */
  revealRecords?: (sessionId: string, module: string) => Promise<void>;
}

/** The API explorer's parts: endpoints from /help, history, server facts, sending and showing. */
export interface ExploreServices {
  catalog: EndpointCatalog;
  history: HistoryStore;
  serverInfo: ServerInfoCache;
  sender: RequestSender;
  documents: ResponseDocuments;
  /** Where responses show, and what each response tab shows (made with the sender). */
  readonly tabs: ResponseTabs;
}
