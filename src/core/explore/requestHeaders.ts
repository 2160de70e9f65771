/**
 * Headers that a request file (or another extension's `sugar.sendRequest`) cannot set. The
 * connection decides where a request goes and how it authenticates: a `Host:` line would send the
 * real token with a foreign Host, which a shared load balancer routes to another tenant, and a
 * file's own `OAuth-Token` would travel next to the session's. Framing and hop-by-hop headers
 * belong to the HTTP stack, which sets them from the body and the connection.
 */

const CONNECTION_MANAGED = 'is managed by the HTTP connection (a hop-by-hop header)';
const FROM_BODY = 'is set from the body when the request is sent';
const SESSION_TOKEN = "would carry a second token: the connection's session adds its own, and request files never keep tokens";

/** Lower-case name → why it is refused. */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ['host', "would send the request (and its token) to another host than its connection's instance"],
  ['content-length', FROM_BODY],
  ['transfer-encoding', FROM_BODY],
  ['connection', CONNECTION_MANAGED],
  ['keep-alive', CONNECTION_MANAGED],
  ['proxy-connection', CONNECTION_MANAGED],
  ['upgrade', CONNECTION_MANAGED],
  ['te', CONNECTION_MANAGED],
  ['trailer', CONNECTION_MANAGED],
  // What the client sets for authentication, and what Sugar also reads as a token.
  ['oauth-token', SESSION_TOKEN],
  ['authorization', SESSION_TOKEN],
]);

/** Why `name` cannot be set by a request, or undefined when it can. */
export function refusedHeaderReason(name: string): string | undefined {
  return REFUSED.get(name.trim().toLowerCase());
}

/** The headers without the refused ones: what may be sent whoever asked. */
export function withoutRefusedHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (refusedHeaderReason(name) === undefined) kept[name] = value;
  }
  return kept;
}
