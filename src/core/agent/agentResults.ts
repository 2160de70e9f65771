/**
 * What the agent tools answer: compact text a model reads (a sentence, then lines or JSON), cut at
 * a bound with a note of how much was left out and how to ask for less. Response headers are
 * chosen from a short list that carries no credential; everything is redacted by the toolbox.
 */
import type { ModuleInfo, SchemaIndex } from '../schema/schemaIndex';
import { formatSize } from '../explore/sizeText';
import type { ApiResponse } from '../sugar/client';
import type { AgentConnection } from './agentPolicy';

/** About 6,000 tokens: enough for a page of records, small enough to leave the model room. */
export const RESULT_LIMIT_CHARS = 24_000;
const OPTIONS_SHOWN = 50;

/** Headers worth an agent's attention; none of them carries a token (Set-Cookie, OAuth-Token and the like never pass). */
const SHOWN_HEADERS = ['content-type', 'content-length', 'etag', 'last-modified', 'location', 'retry-after', 'content-disposition', 'x-api-version'];

export function cutText(text: string, limit: number, hint: string): string {
  if (text.length <= limit) return text;
  // Cut at a line end when there is one near: half lines confuse a reader more than short pages.
  const lineEnd = text.lastIndexOf('\n', limit);
  const end = lineEnd > limit * 0.8 ? lineEnd : limit;
  return `${text.slice(0, end)}\n… [${text.length - end} more characters left out; ${hint}]`;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export function connectionsText(connections: readonly AgentConnection[], hidden: number, howToAllow: string): string {
  const rows = connections.map(({ name, url, user, platform, loggedIn, sudoUsers }) => ({ name, url, user, platform, loggedIn, ...(sudoUsers.length ? { sudoUsers } : {}) }));
  const others = hidden > 0 ? ` ${plural(hidden, 'other connection is', 'other connections are')} not allowed for agents (${howToAllow}).` : '';
  if (rows.length === 0) return `No connection is available to agents.${others || ` To allow one, ${howToAllow}.`}`;
  const notLoggedIn = rows.some((row) => !row.loggedIn) ? ' A connection that is not logged in must be logged in by the user first.' : '';
  return `${plural(rows.length, 'connection is', 'connections are')} available to agents.${others}${notLoggedIn}\n${JSON.stringify(rows, null, 1)}`;
}

export function modulesText(index: SchemaIndex, who: string): string {
  const lines = [...index.moduleNames]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => {
      const module = index.module(name);
      if (!module) return name;
      const label = module.label && module.label !== name ? ` (${module.label})` : '';
      return `${name}${label}: ${plural(module.fields.length, 'field')}, ${plural(module.links.length, 'link')}`;
    });
  return `${plural(lines.length, 'module')} ${who} may see:\n${lines.join('\n')}`;
}

export function moduleText(module: ModuleInfo, who: string): string {
  const fields = module.fields.map((field) => {
    const parts = [`${field.name}: ${field.type}`];
    if (field.label && field.label !== field.name) parts.push(`"${field.label}"`);
    if (field.required) parts.push('required');
    if (field.len !== undefined) parts.push(`max ${field.len}`);
    if (field.relatedModule) parts.push(`→ ${field.relatedModule}${field.link ? ` via link ${field.link}` : ''}`);
    if (field.options?.length) {
      const shown = field.options.slice(0, OPTIONS_SHOWN).map(({ key, label }) => (label && label !== key ? `${key}=${label}` : key || '(empty)'));
      const more = field.options.length > OPTIONS_SHOWN ? ` … ${field.options.length - OPTIONS_SHOWN} more` : '';
      parts.push(`options: ${shown.join(' | ')}${more}`);
    }
    return `- ${parts.join(' · ')}`;
  });
  const links = module.links.map((link) => `- ${link.name} → ${link.module} (${link.relationship}, ${link.kind === 'many' ? 'many' : 'one'})`);
  const label = module.label && module.label !== module.name ? ` (${module.label})` : '';
  return [`Module ${module.name}${label}, as ${who} sees it.`, `Fields (${fields.length}):`, ...fields, `Links (${links.length}):`, ...links].join('\n');
}

/** Records as JSON, one per line, as many as fit: an agent pages on with the offset this names. */
export function recordsText(records: readonly unknown[], nextOffset: number, offset: number, what: string, limit: number, redact: (text: string) => string): string {
  const lines: string[] = [];
  let size = 0;
  for (const record of records) {
    const line = redact(JSON.stringify(record));
    if (size + line.length > limit && lines.length > 0) break;
    lines.push(line.length > limit ? cutText(line, limit, 'ask for fewer fields') : line);
    size += line.length + 2;
  }
  const shownAll = lines.length === records.length;
  const next = shownAll ? nextOffset : offset + lines.length;
  const more = next >= 0 ? ` More records: call again with offset ${next}.` : ' No more records.';
  const cut = shownAll ? '' : ` ${records.length - lines.length} of the ${records.length} returned were left out to keep this short (ask for fewer fields).`;
  return `${what}: ${plural(lines.length, 'record')}.${cut}${more}\n[\n${lines.join(',\n')}\n]`;
}

export function responseText(response: ApiResponse, what: string): string {
  const headers = SHOWN_HEADERS.filter((name) => response.headers[name] !== undefined).map((name) => `${name}: ${String(response.headers[name]).slice(0, 300)}`);
  const size = formatSize(response.sizeBytes);
  const partial = response.bodyFile ? ` (only its first ${formatSize(Buffer.byteLength(response.text))} was read: the answer is larger than the response size limit)` : '';
  const body = response.isJson && !response.bodyFile ? JSON.stringify(response.json) : response.text;
  const explanation = response.error ? `\n${response.error.message}` : '';
  return `${what} → ${response.status} · ${size} · ${Math.round(response.timeMs)} ms${partial}${explanation}\n${headers.join('\n')}\n\n${body ?? ''}`;
}
