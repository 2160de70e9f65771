/**
 * A Postman environment (`*.postman_environment.json`) as the start of a new connection: the
 * values Sugar's collection uses (`url`, `username`, `platform`, `client_id`, `client_secret`,
 * and an API version) prefill the Add Connection wizard, where the user sees and confirms them.
 *
 * A password in the environment is never read: the wizard asks for it, as for any connection.
 * A client secret is prefilled, since the user cannot look it up as easily; it goes where the
 * wizard puts every client secret (the connection's record in SecretStorage), and only when the
 * user saves the connection. Values that are still Postman variables (`{{x}}`) are not used.
 */

import type { CreateProfileInput } from '../profiles/profile';
import { asText, isObject, parseImportJson } from './postmanRequest';

export interface EnvironmentImport {
  /** What the wizard starts from. */
  start: Partial<CreateProfileInput>;
  /** The environment's keys used for it, in the file's spelling. */
  used: string[];
  /** True when the environment held a password (not read). */
  hadPassword: boolean;
}

export class EnvironmentImportError extends Error {}

type Field = 'instanceUrl' | 'username' | 'platform' | 'clientId' | 'clientSecret' | 'apiVersion';

/** Lower-cased key without `_`, `-` and spaces → the field it fills. */
const FIELDS: ReadonlyMap<string, Field> = new Map([
  ['url', 'instanceUrl'], ['baseurl', 'instanceUrl'], ['instanceurl', 'instanceUrl'], ['sugarurl', 'instanceUrl'], ['siteurl', 'instanceUrl'], ['host', 'instanceUrl'], ['server', 'instanceUrl'],
  ['username', 'username'], ['user', 'username'], ['login', 'username'],
  ['platform', 'platform'],
  ['clientid', 'clientId'],
  ['clientsecret', 'clientSecret'],
  ['apiversion', 'apiVersion'], ['restversion', 'apiVersion'], ['version', 'apiVersion'], ['restendpoint', 'apiVersion'],
]);
const PASSWORD = /^(?:password|passwd|pwd|userpassword)$/;
const API_VERSION = /(?:^|\/rest\/)(v\d+(?:_\d+)?)\/?$/i;
const MAX_VALUE_CHARS = 2048;

export function importEnvironment(text: string): EnvironmentImport {
  const json = parseImportJson(text, (message) => new EnvironmentImportError(message));
  if (!isObject(json) || !Array.isArray(json.values)) throw new EnvironmentImportError('The file is not a Postman environment (it has no "values").');
  const start: Partial<CreateProfileInput> = {};
  const used: string[] = [];
  let hadPassword = false;
  for (const entry of json.values) {
    if (!isObject(entry) || entry.enabled === false) continue;
    const key = asText(entry.key)?.trim() ?? '';
    const normalized = key.toLowerCase().replace(/[-_\s]/g, '');
    if (PASSWORD.test(normalized)) {
      hadPassword ||= asText(entry.value) !== undefined && asText(entry.value) !== '';
      continue;
    }
    const field = FIELDS.get(normalized);
    const value = asText(entry.value)?.trim();
    if (!field || !value || value.includes('{{') || value.length > MAX_VALUE_CHARS || start[field] !== undefined) continue;
    if (field === 'apiVersion') {
      const version = API_VERSION.exec(/^\d/.test(value) ? `v${value}` : value)?.[1];
      if (!version) continue;
      start.apiVersion = version.toLowerCase();
    } else start[field] = value;
    used.push(key);
  }
  const name = asText(json.name)?.trim();
  if (name && start.instanceUrl) start.name = name.slice(0, 100);
  return { start, used, hadPassword };
}

