/**
 * The rules every front end of the agent tools shares (VS Code's language model tools and the
 * runner's MCP server): which connections an agent reaches (the user's allowlist, by name), what
 * it may send (no token headers or parameters, nothing to /oauth2, writes only when enabled), and
 * the sentence that asks the user to confirm a write.
 */
import { canonicalRequestPath, isOAuthRoute } from '../explore/historyPrivacy';
import { refusedHeaderReason } from '../explore/requestHeaders';
import { normalizeRequestPath } from '../explore/requestPath';
import type { ApiRequest } from '../sugar/client';
import { isCredentialName } from '../sugar/credentialNames';
import { AgentRefusal, type SendRequestInput } from './agentInput';

/** A connection as agents see it: never a password, client secret or token. */
export interface AgentConnection {
  id: string;
  name: string;
  url: string;
  user: string;
  platform: string;
  loggedIn: boolean;
  /** Users this connection acts as through open sudo sessions. */
  sudoUsers: readonly string[];
}

/** What the user allowed, and how they allow more (a setting in VS Code, an argument for the runner). */
export interface AgentRules {
  allowedConnections: readonly string[];
  allowWrites: boolean;
  /** "add it to the setting sugar.agents.allowedConnections" */
  howToAllowConnection(name: string): string;
  howToAllowWrites: string;
}

/** The connection by name, if the user allowlisted it; otherwise a refusal that says how to allow it. */
export function reachableConnection(all: readonly AgentConnection[], name: string, rules: AgentRules): AgentConnection {
  const allowed = new Set(rules.allowedConnections);
  const found = all.find((connection) => connection.name === name) ?? all.find((connection) => connection.name.toLowerCase() === name.toLowerCase());
  const shown = JSON.stringify(name.slice(0, 100));
  if (!found || !allowed.has(found.name)) {
    // The same answer whether or not such a connection exists: agents learn no names the user did not allow.
    const none = allowed.size === 0 ? ' No connection is allowed for agents yet.' : '';
    throw new AgentRefusal(`The connection ${shown} is not available to agents.${none} To allow it, ${rules.howToAllowConnection(name.slice(0, 100))}; sugar_listConnections lists the allowed ones.`);
  }
  return found;
}

export function allowedConnections(all: readonly AgentConnection[], rules: AgentRules): AgentConnection[] {
  const allowed = new Set(rules.allowedConnections);
  return all.filter((connection) => allowed.has(connection.name));
}

const VERSION_PREFIX = /^\/?(?:rest\/)?v\d+(?:_\d+)?(?=\/|$)/i;

function refuseAuthRoute(path: string): void {
  if (isOAuthRoute(path)) {
    throw new AgentRefusal("Requests to /oauth2 (login, refresh, sudo, logout) are not sent for agents: the connection's session handles authentication.");
  }
}

function refuseCredentialParameters(names: Iterable<string>): void {
  for (const name of names) {
    if (isCredentialName(name)) throw new AgentRefusal(`The query parameter "${name.slice(0, 50)}" would carry a credential: the connection's session authenticates every request.`);
  }
}

/** Bulk requests carry requests of their own: none of them may go to /oauth2 either. */
function refuseBulkAuth(body: unknown): void {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) return;
  for (const inner of requests.slice(0, 1000)) {
    const url = (inner as { url?: unknown } | null)?.url;
    if (typeof url === 'string') refuseAuthRoute(normalizeRequestPath(url).replace(VERSION_PREFIX, ''));
  }
  if (requests.length > 1000) throw new AgentRefusal('A bulk request of more than 1000 requests is not sent for agents.');
}

export function isWrite(method: string): boolean {
  return method.toUpperCase() !== 'GET';
}

/** The request an agent asked for, checked: refused when it would touch authentication or carry a credential. */
export function checkedRequest(input: SendRequestInput): ApiRequest {
  const path = normalizeRequestPath(input.path);
  refuseAuthRoute(path);
  const queryStart = path.indexOf('?');
  if (queryStart >= 0) refuseCredentialParameters(new URLSearchParams(path.slice(queryStart + 1)).keys());
  if (input.query) refuseCredentialParameters(Object.keys(input.query));
  for (const name of Object.keys(input.headers ?? {})) {
    const reason = refusedHeaderReason(name) ?? (isCredentialName(name) || /^(?:cookie|x-api-key)$/i.test(name.trim()) ? 'would carry a credential' : undefined);
    if (reason) throw new AgentRefusal(`The header "${name.slice(0, 50)}" is not sent for agents: it ${reason}.`);
  }
  if (canonicalRequestPath(path).toLowerCase() === '/bulk') refuseBulkAuth(input.body);
  if (input.body !== undefined && input.method === 'GET') throw new AgentRefusal('A GET request has no body: put its parameters in "query".');
  return { method: input.method, path, query: input.query, body: input.body, headers: input.headers };
}

/** A write when writes are off: the refusal says how the user enables them. */
export function refuseWriteUnlessAllowed(request: ApiRequest, rules: AgentRules): void {
  if (isWrite(request.method) && !rules.allowWrites) {
    throw new AgentRefusal(`Writes are off for agents: ${request.method} ${pathOnly(request.path)} was not sent. Only GET requests are sent unless the user enables writes (${rules.howToAllowWrites}). To search records, use sugar_findRecords.`);
  }
}

const pathOnly = (path: string): string => (path.length > 200 ? `${path.slice(0, 200)}…` : path);

/** "jim (sudo, through admin)" or "admin": whom a request runs as. */
export function actingUser(connection: AgentConnection, sudoUser: string | undefined): string {
  return sudoUser ? `${sudoUser} (sudo, through ${connection.user})` : connection.user;
}

export interface WriteConfirmation {
  title: string;
  /** Plain text: the connection, the user it runs as, the request and the first part of its body. */
  message: string;
  /** The first lines of `message`: what is sent where, as whom. */
  summary: string;
  /** The body's first part (redacted), for a front end that shows it as code. */
  body?: string;
}

const BODY_PREVIEW_CHARS = 1000;

/** What the user is asked before a write is sent (the body preview is redacted by the caller). */
export function writeConfirmation(connection: AgentConnection, sudoUser: string | undefined, request: ApiRequest, redact: (text: string) => string): WriteConfirmation {
  const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : JSON.stringify(request.body, null, 2);
  const preview = body.length > BODY_PREVIEW_CHARS ? `${body.slice(0, BODY_PREVIEW_CHARS)}\n… (${body.length - BODY_PREVIEW_CHARS} more characters)` : body;
  const query = request.query && Object.keys(request.query).length ? `?${new URLSearchParams(request.query as Record<string, string>).toString()}` : '';
  const summary = [
    `An agent asks to send ${request.method} ${pathOnly(request.path)}${query} to "${connection.name}" (${connection.url}) as ${actingUser(connection, sudoUser)}.`,
    'This request may change data in Sugar.',
  ].join('\n');
  const shown = preview ? redact(preview) : undefined;
  return {
    title: `Send ${request.method} to Sugar "${connection.name}" as ${sudoUser ?? connection.user}?`,
    message: shown ? `${summary}\n\nBody:\n${shown}` : summary,
    summary,
    ...(shown ? { body: shown } : {}),
  };
}
