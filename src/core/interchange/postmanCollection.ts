/**
 * A Postman collection (v2.1 or v2.0 JSON) as `.sugar` files. Decided layout:
 * - requests directly in the collection go to one file named after the collection;
 * - each top-level folder becomes a file named after the folder; requests of nested folders go
 *   into it as `###` sections titled with the folder path below it ("Sub / Request");
 * - the collection's variables with a value become `@name = value` lines in each file that uses
 *   them (fileVariables.ts); secrets (names with token, secret, password, key) never do;
 * - Sugar's authorization (POST /oauth2/token, /oauth2/logout, /oauth2/bulk, sudo; the OAuth-Token
 *   header; scripts that log in or keep tokens; Postman auth settings) is left out and replaced
 *   by the connection, and the top of each file says what was left out.
 * Linear in the size of the collection; the walk keeps its own frames (no recursion), bounded in
 * depth and in the number of requests.
 */

import { MAX_DESCRIPTION_LINES, MAX_FOLDER_DEPTH, MAX_IMPORT_FILES, MAX_IMPORT_REQUESTS } from './importLimits';
import { safeFileName } from './importNames';
import { asArray, asText, authTypeOf, descriptionOf, importRequest, isObject, isSugarAuthPath, type Json, parseImportJson, requestPathOf, type RequestTally, scriptsOf } from './postmanRequest';
import { commentLines, writeRequestBlock } from './requestBlock';

export interface ImportedFile {
  /** A safe base name, without `.sugar`, unique (case-insensitively) within the import. */
  name: string;
  text: string;
  requests: number;
}

export interface CollectionImport {
  collectionName: string;
  files: ImportedFile[];
  /** The requests written, across files. */
  requestCount: number;
}

/** A collection that cannot be imported; the message is for the user. */
export class CollectionImportError extends Error {}

const SECRET_NAME = /token|secret|password|passwd|pwd|api[-_]?key|credential|cookie|session/i;
const DEFINABLE_NAME = /^[A-Za-z_$][\w.$-]*$/;
const USED_VARIABLE = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const LIST_LIMIT = 10;

interface Group {
  name: string;
  description?: string;
  blocks: string[];
  requests: number;
}

/** Names, at most LIST_LIMIT of them, then how many more. */
function listed(names: string[]): string {
  const shown = names.slice(0, LIST_LIMIT).join(', ');
  return names.length > LIST_LIMIT ? `${shown} and ${names.length - LIST_LIMIT} more` : shown;
}

/** Reads and checks the JSON text; throws CollectionImportError with what is wrong. */
export function readCollection(text: string): Json {
  const json = parseImportJson(text, (message) => new CollectionImportError(message));
  if (!isObject(json)) throw new CollectionImportError('The file is not a Postman collection (no JSON object).');
  const info = isObject(json.info) ? json.info : undefined;
  if (!info || !Array.isArray(json.item)) {
    const hint = Array.isArray(json.requests) ? ' It looks like the old v1 format: export it from Postman as Collection v2.1.' : '';
    throw new CollectionImportError(`The file is not a Postman collection v2.1 or v2.0 (it has no "info" and "item").${hint}`);
  }
  return json;
}

/** The collection's `.sugar` files. */
export function importCollection(text: string): CollectionImport {
  const collection = readCollection(text);
  const info = collection.info as Json;
  const collectionName = (asText(info.name) ?? '').trim() || 'Postman collection';
  const variables = collectionVariables(collection.variable);
  const leftOut: string[] = [];
  const authType = authTypeOf(collection.auth);
  if (authType) leftOut.push(`the collection's authorization (${authType})`);
  for (const script of scriptsOf(collection.event)) {
    leftOut.push(script.logsIn ? `the collection's ${script.listen} script (it logs in or keeps tokens)` : `the collection's ${script.listen} script (a .sugar file runs no scripts)`);
  }
  const authRequests: string[] = [];
  const tooDeep: string[] = [];
  const foldersWithAuth: string[] = [];
  const foldersWithScripts: string[] = [];
  const tally: RequestTally = { tokenHeaders: 0 };
  const groups: Group[] = [];
  const collectionDescription = descriptionOf(info.description);
  const top: Group = { name: collectionName, blocks: [], requests: 0, ...(collectionDescription ? { description: collectionDescription } : {}) };
  let requestCount = 0;
  let sudo = false;
  let notImported = 0;

  // Depth-first in the collection's order, one frame per open folder (memory bounded by the
  // depth, not by the number of items: a 20 MB array of ten million items is only counted).
  const frames: Array<{ items: unknown[]; next: number; path: string[]; group: Group | undefined }> = [{ items: asArray(collection.item), next: 0, path: [], group: undefined }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame.next >= frame.items.length) {
      frames.pop();
      continue;
    }
    const item = frame.items[frame.next++];
    const { path, group } = frame;
    if (!isObject(item)) continue;
    const name = (asText(item.name) ?? '').trim() || 'Untitled';
    if (Array.isArray(item.item)) {
      if (path.length >= MAX_FOLDER_DEPTH) {
        tooDeep.push([...path, name].join(' / '));
        continue;
      }
      const folderGroup = group ?? newGroup(groups, name, descriptionOf(item.description));
      const folderName = `"${[...path, name].join(' / ')}"`;
      if (authTypeOf(item.auth)) foldersWithAuth.push(folderName);
      if (scriptsOf(item.event).length > 0) foldersWithScripts.push(folderName);
      frames.push({ items: item.item, next: 0, path: [...path, name], group: folderGroup });
      continue;
    }
    const request = isObject(item.request) ? item.request : typeof item.request === 'string' ? { url: item.request, method: 'GET' } : undefined;
    if (!request) continue;
    const method = (asText(request.method) ?? 'GET').toUpperCase();
    const requestPath = requestPathOf(request);
    if (isSugarAuthPath(requestPath)) {
      authRequests.push(`"${name}" (${method} ${requestPath.split('?')[0]})`);
      sudo ||= /^\/oauth2\/sudo\//i.test(requestPath);
      continue;
    }
    if (requestCount >= MAX_IMPORT_REQUESTS) {
      notImported++;
      continue;
    }
    const target = group ?? top;
    const title = [...path.slice(1), name].join(' / ');
    target.blocks.push(writeRequestBlock(importRequest(item, request, title, tally)));
    target.requests++;
    requestCount++;
  }

  if (top.requests > 0) groups.unshift(top);
  const written = groups.filter((group) => group.requests > 0);
  if (written.length === 0) {
    throw new CollectionImportError(`"${collectionName}" has no request to import${authRequests.length > 0 ? ` besides Sugar's authorization (${listed(authRequests)}), which the connection does` : ''}.`);
  }
  if (written.length > MAX_IMPORT_FILES) {
    throw new CollectionImportError(`"${collectionName}" has ${written.length} top-level folders; an import writes at most ${MAX_IMPORT_FILES} files.`);
  }
  const header = {
    collectionName,
    leftOut: [
      ...(authRequests.length > 0 ? [`Sugar's authorization requests ${listed(authRequests)}`] : []),
      ...(tally.tokenHeaders > 0 ? [`the OAuth-Token / Authorization: Bearer header (${tally.tokenHeaders} in the collection)`] : []),
      ...leftOut,
      ...(foldersWithAuth.length > 0 ? [`the Postman authorization of folders ${listed(foldersWithAuth)}`] : []),
      ...(foldersWithScripts.length > 0 ? [`the scripts of folders ${listed(foldersWithScripts)} (a .sugar file runs no scripts)`] : []),
    ],
    notes: [
      ...(sudo ? ['For a request as another user (sudo), write "# @connection <name> as <user>" above it.'] : []),
      ...(tooDeep.length > 0 ? [`Folders nested more than ${MAX_FOLDER_DEPTH} deep were not imported: ${listed(tooDeep)}.`] : []),
      ...(notImported > 0 ? [`${notImported} requests beyond the first ${MAX_IMPORT_REQUESTS} were not imported.`] : []),
    ],
  };
  const taken = new Set<string>();
  const files = written.map((group) => {
    const base = safeFileName(group.name);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    taken.add(name.toLowerCase());
    return { name, text: fileText(group, header, variables), requests: group.requests };
  });
  return { collectionName, files, requestCount };
}

interface FileHeader {
  collectionName: string;
  leftOut: string[];
  notes: string[];
}

/** Collection variables: name → value, or undefined for one left out (a secret, or none given). */
function collectionVariables(list: unknown): Map<string, { value?: string; secret: boolean }> {
  const variables = new Map<string, { value?: string; secret: boolean }>();
  for (const variable of asArray(list)) {
    if (!isObject(variable) || variable.disabled === true) continue;
    const key = asText(variable.key ?? variable.id)?.trim();
    if (!key) continue;
    const secret = variable.type === 'secret' || SECRET_NAME.test(key);
    const value = asText(variable.value);
    variables.set(key, { value: secret || value === undefined || value === '' ? undefined : value.replace(/[\r\n]+/g, ' ').trim(), secret });
  }
  return variables;
}

function newGroup(groups: Group[], name: string, description: string | undefined): Group {
  const group: Group = { name, blocks: [], requests: 0, ...(description ? { description } : {}) };
  groups.push(group);
  return group;
}

function fileText(group: Group, header: FileHeader, variables: Map<string, { value?: string; secret: boolean }>): string {
  const body = group.blocks.join('\n');
  const used = new Set<string>();
  for (const match of body.matchAll(USED_VARIABLE)) used.add(match[1]);
  const lines = [
    group.name === header.collectionName ? `# Imported from the Postman collection "${header.collectionName}".` : `# Imported from the Postman collection "${header.collectionName}", folder "${group.name}".`,
    '# Requests go to the active connection, or to the one named by a "# @connection <name>" line above',
    '# them; the connection logs in and adds its token.',
  ];
  if (header.leftOut.length > 0) {
    lines.push('# Left out and replaced by the connection:');
    for (const item of header.leftOut) lines.push(`#   - ${item}`);
  }
  for (const note of header.notes) lines.push(`# ${note}`);
  if (group.description) lines.push('#', ...commentLines(group.description, MAX_DESCRIPTION_LINES).map((line) => (line ? `# ${line}` : '#')));
  const definitions: string[] = [];
  const secrets: string[] = [];
  const undefinedNames: string[] = [];
  for (const name of used) {
    const variable = variables.get(name);
    if (variable?.secret) secrets.push(`{{${name}}}`);
    else if (variable?.value !== undefined && DEFINABLE_NAME.test(name)) definitions.push(`@${name} = ${variable.value}`);
    else undefinedNames.push(`{{${name}}}`);
  }
  if (secrets.length > 0) lines.push(`# Not written: the values of ${listed(secrets)} (request files never keep secrets).`);
  if (undefinedNames.length > 0) {
    lines.push(`# No value in the collection for ${listed(undefinedNames)}: define one with "@name = value" above`, '# the requests, or send first a request whose JSON response has that key.');
  }
  if (definitions.length > 0) lines.push('', ...definitions);
  return `${lines.join('\n')}\n\n${body}`;
}
