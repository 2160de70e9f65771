/**
 * The agent tools' handlers over narrow ports: the connections (names, URLs, users; never a
 * secret), "send this request as this session" (the session engine's request path), and the
 * schema index. Both front ends (VS Code's language model tools, the runner's MCP server) call
 * this, so the rules hold whichever asks: the allowlist, writes only when enabled, no request to
 * /oauth2 or with a token, and every answer bounded and redacted with every secret known.
 */
import { findRecordsRequest, findRecordsResult } from '../schema/recordPages';
import type { SchemaIndex } from '../schema/schemaIndex';
import type { ApiRequest, ApiResponse } from '../sugar/client';
import { SecretRedactor } from '../sugar/redact';
import { AgentRefusal, readFindRecordsInput, readModuleInput, readSendRequestInput, readSessionInput, type SessionInput } from './agentInput';
import { actingUser, allowedConnections, checkedRequest, reachableConnection, refuseWriteUnlessAllowed, writeConfirmation, type AgentConnection, type AgentRules, type WriteConfirmation } from './agentPolicy';
import { connectionsText, cutText, moduleText, modulesText, recordsText, responseText, RESULT_LIMIT_CHARS } from './agentResults';
import { isAgentToolName, type AgentToolName } from './agentToolDefinitions';

export interface AgentPorts {
  /** Every connection this front end knows (the allowlist is applied here, not there). */
  connections(): Promise<AgentConnection[]>;
  rules(): AgentRules;
  /** The session id requests run as: the connection's own, or one of its sudo sessions. */
  session(connection: AgentConnection, sudoUser: string | undefined, signal?: AbortSignal): Promise<string>;
  request(sessionId: string, request: ApiRequest, signal?: AbortSignal): Promise<ApiResponse>;
  schema(sessionId: string, signal?: AbortSignal): Promise<SchemaIndex>;
  /** Groups of secrets as the engine and the profiles hand them out (see SecretRedactor). */
  knownSecrets(): Iterable<readonly string[]>;
  /** User and connection names: shown anyway, so a short password equal to one is not blanked out of them. */
  publicTexts(): Iterable<string>;
}

export interface AgentResult {
  text: string;
  /** A refusal or a failure: the text says why and what to do. */
  isError: boolean;
}

export interface PreparedInvocation {
  /** What the front end shows while the tool runs. */
  invocationMessage: string;
  /** Set when the user must confirm first (a write that would be sent). */
  confirmation?: WriteConfirmation;
}

/** Redaction sees this much beyond the cut, so that no secret is cut in two and half of it kept. */
const REDACTION_MARGIN = 4096;

export class AgentToolbox {
  private readonly redactor: SecretRedactor;

  constructor(private readonly ports: AgentPorts) {
    this.redactor = new SecretRedactor(() => ports.knownSecrets(), { publicTexts: () => ports.publicTexts() });
  }

  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** Runs a tool; refusals and failures are answers too (isError), never thrown. */
  async run(name: string, input: unknown, signal?: AbortSignal): Promise<AgentResult> {
    try {
      if (!isAgentToolName(name)) throw new AgentRefusal(`There is no tool ${JSON.stringify(name.slice(0, 100))}.`);
      const text = await this.answer(name, input, signal);
      return { text: this.bounded(text), isError: false };
    } catch (error) {
      if (signal?.aborted) return { text: 'Cancelled.', isError: true };
      const message = error instanceof AgentRefusal ? error.message : `Failed: ${error instanceof Error ? error.message : String(error)}`;
      return { text: this.bounded(message), isError: true };
    }
  }

  /** What to show while the tool runs, and the question to ask first when it would change data. */
  async prepare(name: string, input: unknown): Promise<PreparedInvocation> {
    const invocationMessage = this.redact(this.invocationMessage(name, input));
    if (name !== 'sugar_sendRequest') return { invocationMessage };
    let connection: AgentConnection;
    let asked: ReturnType<typeof readSendRequestInput>;
    let request: ApiRequest;
    try {
      asked = readSendRequestInput(input);
      const rules = this.ports.rules();
      request = checkedRequest(asked);
      refuseWriteUnlessAllowed(request, rules);
      if (request.method === 'GET') return { invocationMessage };
      connection = await this.connectionToAskAbout(asked.connection, rules);
    } catch {
      // A request that will be refused is not asked about: running it answers the refusal.
      return { invocationMessage };
    }
    return { invocationMessage, confirmation: writeConfirmation(connection, asked.sudoUser, request, (text) => this.redact(text)) };
  }

  /**
   * The connection a write is asked about. Only a refusal (not allowed, no such connection) means
   * nothing to ask: the run refuses too. When the connections cannot be read just now (a locked
   * keychain), the run may well read them and send the write, so the user is asked all the same.
   */
  private async connectionToAskAbout(name: string, rules: AgentRules): Promise<AgentConnection> {
    try {
      return reachableConnection(await this.ports.connections(), name, rules);
    } catch (error) {
      if (error instanceof AgentRefusal) throw error;
      return { id: '', name: name.slice(0, 100), url: 'its URL could not be read just now', user: 'its user', platform: '', loggedIn: false, sudoUsers: [] };
    }
  }

  private invocationMessage(name: string, input: unknown): string {
    const fields = (input ?? {}) as Record<string, unknown>;
    const str = (value: unknown) => (typeof value === 'string' ? value.slice(0, 100) : '');
    const on = str(fields.connection) ? ` on "${str(fields.connection)}"` : '';
    switch (name) {
      case 'sugar_listConnections': return 'Listing the Sugar connections agents may use';
      case 'sugar_listModules': return `Listing the Sugar modules${on}`;
      case 'sugar_describeModule': return `Describing the Sugar module ${str(fields.module)}${on}`;
      case 'sugar_findRecords': return `Finding ${str(fields.module)} records${on}`;
      default: return `Sending ${(str(fields.method) || 'GET').toUpperCase()} ${str(fields.path)}${on}`;
    }
  }

  private async answer(name: AgentToolName, input: unknown, signal?: AbortSignal): Promise<string> {
    const rules = this.ports.rules();
    switch (name) {
      case 'sugar_listConnections': {
        const all = await this.ports.connections();
        const allowed = allowedConnections(all, rules);
        return connectionsText(allowed, all.length - allowed.length, rules.howToAllowConnection('<name>'));
      }
      case 'sugar_listModules': {
        const { session, who } = await this.sessionOf(readSessionInput(input), rules, signal);
        return modulesText(await this.ports.schema(session, signal), who);
      }
      case 'sugar_describeModule': {
        const asked = readModuleInput(input);
        const { session, who } = await this.sessionOf(asked, rules, signal);
        const module = (await this.ports.schema(session, signal)).module(asked.module);
        if (!module) throw new AgentRefusal(`There is no module ${asked.module} that ${who} may see (sugar_listModules lists them).`);
        return moduleText(module, who);
      }
      case 'sugar_findRecords': {
        const asked = readFindRecordsInput(input);
        const { session, who } = await this.sessionOf(asked, rules, signal);
        const request = findRecordsRequest({ module: asked.module, filter: asked.filter, fields: asked.fields, maxNum: asked.maxNum, offset: asked.offset, orderBy: asked.orderBy });
        const response = await this.ports.request(session, request, signal);
        if (response.error) throw new Error(this.failureText(response, `POST /${asked.module}/filter as ${who}`));
        const { records, nextOffset } = findRecordsResult(response, asked.module);
        return recordsText(records, nextOffset, asked.offset ?? 0, `POST /${asked.module}/filter as ${who}`, RESULT_LIMIT_CHARS - 500, (text) => this.redact(text));
      }
      case 'sugar_sendRequest': {
        const asked = readSendRequestInput(input);
        const request = checkedRequest(asked);
        const { session, who } = await this.sessionOf(asked, rules, signal);
        refuseWriteUnlessAllowed(request, rules);
        const response = await this.ports.request(session, request, signal);
        const text = responseText(response, `${request.method} ${request.path} as ${who}`);
        if (response.error) throw new Error(text);
        return text;
      }
    }
  }

  /** The allowlisted connection and its session (a sudo one when asked); who it acts as, for the answer's first line. */
  private async sessionOf(asked: SessionInput, rules: AgentRules, signal?: AbortSignal): Promise<{ session: string; who: string }> {
    const connection = reachableConnection(await this.ports.connections(), asked.connection, rules);
    const session = await this.ports.session(connection, asked.sudoUser, signal);
    return { session, who: `${actingUser(connection, asked.sudoUser)} on "${connection.name}"` };
  }

  private failureText(response: ApiResponse, what: string): string {
    return `${what} → ${response.status}: ${response.error?.message ?? ''}\n${response.text.slice(0, 2000)}`;
  }

  /** Redacted, then cut: the redaction sees past the cut, so no secret is split by it. */
  private bounded(text: string): string {
    const seen = text.length > RESULT_LIMIT_CHARS + REDACTION_MARGIN ? text.slice(0, RESULT_LIMIT_CHARS + REDACTION_MARGIN) : text;
    const redacted = this.redact(seen);
    const left = text.length - seen.length;
    const cut = cutText(redacted, RESULT_LIMIT_CHARS, 'ask for less: fewer fields or records, a narrower filter, or a smaller request');
    return left === 0 ? cut : cut.replace(/\[(\d+) more characters/, (_, n: string) => `[${Number(n) + left} more characters`);
  }
}
