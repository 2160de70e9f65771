/**
 * Long help for the collapsed part of each /help row. Real long help is free HTML with its own
 * headings and `table table-hover` tables (and a licence comment on top); endpoint parsers must not
 * mistake these tables or the paths quoted in them for endpoint rows, so the simulator serves the same kind.
 */

interface LongHelpSpec {
  overview: string;
  requestArgs?: Array<[name: string, type: string, description: string, required: boolean]>;
  requestExample?: string;
  responseArgs?: Array<[name: string, type: string, description: string]>;
  responseExample?: string;
  changelog?: Array<[version: string, change: string]>;
}

const LICENCE_COMMENT = '<!--\n/*\n * Simulated Sugar help text, written for the Sugar REST Explorer test simulator.\n */\n-->';

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${h}</th>`).join(' ');
  const body = rows.map((r) => `<tr> ${r.map((c) => `<td> ${c} </td>`).join(' ')} </tr>`).join('\n');
  return `<table class="table table-hover">\n<thead>\n<tr> ${th} </tr>\n</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function longHelp(spec: LongHelpSpec): string {
  const parts = [LICENCE_COMMENT, '<h2>Overview</h2>', `<span class="lead">\n${spec.overview}\n</span>`];
  if (spec.requestArgs) {
    parts.push(
      '<h2>Request Arguments</h2>',
      table(
        ['Name', 'Type', 'Description', 'Required'],
        spec.requestArgs.map(([n, t, d, r]) => [n, t, d, r ? 'True' : 'False']),
      ),
    );
  }
  if (spec.requestExample) parts.push('<h3>Request</h3>', `<pre class="pre-scrollable">\n${spec.requestExample}\n</pre>`);
  if (spec.responseArgs) {
    parts.push('<h2>Response Arguments</h2>', table(['Name', 'Type', 'Description'], spec.responseArgs));
  }
  if (spec.responseExample) parts.push('<h3>Response</h3>', `<pre class="pre-scrollable">\n${spec.responseExample}\n</pre>`);
  if (spec.changelog) {
    // Real change logs are a bare table: header row in <tr><th>, no thead/tbody.
    const rows = spec.changelog.map(([v, c]) => `<tr>\n<td>\n${v}\n</td>\n<td>\n${c}\n</td>\n</tr>`).join('\n');
    parts.push('<h2>Change Log</h2>', `<table class="table table-hover">\n<tr>\n<th>Version</th>\n<th>Change</th>\n</tr>\n${rows}\n</table>`);
  }
  return parts.join('\n');
}

export const TOKEN_HELP = longHelp({
  overview:
    'Retrieves an OAuth2 access token. Use grant_type "password" with a user name and password, or grant_type "refresh_token" with the refresh token of an earlier answer. Send the same platform on both, or the session moves to the "base" platform.',
  requestArgs: [
    ['grant_type', 'String', 'Either "password" or "refresh_token".', true],
    ['client_id', 'String', 'The client id, "sugar" by default.', true],
    ['client_secret', 'String', 'The client secret; empty for "sugar".', true],
    ['username', 'String', 'The user name (password grant).', false],
    ['password', 'String', 'The password (password grant).', false],
    ['refresh_token', 'String', 'The refresh token (refresh_token grant).', false],
    ['platform', 'String', 'The platform of the session, "base" by default.', false],
  ],
  requestExample:
    '{\n  "grant_type":"password",\n  "client_id":"sugar",\n  "client_secret":"",\n  "username":"admin",\n  "password":"password",\n  "platform":"custom_api"\n}',
  responseArgs: [
    ['access_token', 'String', 'The token to send as the OAuth-Token header.'],
    ['expires_in', 'Integer', 'Seconds until the access token expires.'],
    ['token_type', 'String', 'Always bearer.'],
    ['scope', 'String', 'Not used.'],
    ['refresh_token', 'String', 'A single-use token for the next refresh_token grant.'],
    ['refresh_expires_in', 'Integer', 'Seconds until the refresh token expires.'],
    ['download_token', 'String', 'A token for file downloads.'],
  ],
  responseExample:
    '{\n  "access_token":"802b64c0-5eac-8431-a541-5342d38ac527",\n  "expires_in":3600,\n  "token_type":"bearer",\n  "scope":null,\n  "refresh_token":"85053198-24b1-4521-b1a5-5342d33e9ed9",\n  "refresh_expires_in":1209600,\n  "download_token":"8c9b5461-0d95-8d87-6084-5342d357b39e"\n}',
  changelog: [
    ['v10', 'Added <code>/oauth2/token</code> POST endpoint.'],
    ['v11_3', 'Accepts <code>Authorization: Bearer</code> on other endpoints.'],
  ],
});

export const LOGOUT_HELP = longHelp({
  overview: 'Ends the session of the access token in the OAuth-Token header and deletes its refresh token.',
  requestArgs: [['refresh_token', 'String', 'The refresh token to delete as well.', false]],
  responseExample: '{\n  "success":true\n}',
  changelog: [['v10', 'Added <code>/oauth2/logout</code> POST endpoint.']],
});

export const SUDO_HELP = longHelp({
  overview:
    'Gets an access token as another user. Only an admin may call it, and not from a sudo session. The caller keeps its own token; the new one has no refresh token, so ask again when it expires.',
  requestArgs: [
    ['platform', 'String', 'The platform of the new session, "base" by default.', false],
    ['client_id', 'String', 'The client id of the new session, "sugar" by default.', false],
  ],
  requestExample: '{\n  "client_id":"sugar",\n  "platform":"base"\n}',
  responseArgs: [
    ['access_token', 'String', 'The access token of the other user.'],
    ['expires_in', 'Integer', 'Seconds until the access token expires.'],
    ['token_type', 'String', 'Always bearer.'],
    ['scope', 'String', 'Not used.'],
  ],
  responseExample:
    '{\n  "access_token":"c19fff9b-b767-233e-ebb4-512e369d3e39",\n  "expires_in":3600,\n  "token_type":"bearer",\n  "scope":null\n}',
  changelog: [['v10', 'Added <code>/oauth2/token/sudo/:user</code> POST endpoint.']],
});

export const PING_HELP = longHelp({
  overview: 'Answers "pong" when the session is valid; a cheap way to check a token.',
  responseExample: '"pong"',
});

export const ME_HELP = longHelp({
  overview: 'Returns the current user: id, user name, full name, type ("admin" or "user") and preferences.',
  responseArgs: [['current_user', 'Object', 'The user behind the token (the target user for a sudo token).']],
  responseExample: '{\n  "current_user": {\n    "type":"admin",\n    "id":"1",\n    "user_name":"admin",\n    "full_name":"Administrator"\n  }\n}',
});

export const METADATA_HELP = longHelp({
  overview: 'Returns the metadata of the instance. Use type_filter to ask for sections, e.g. server_info.',
  requestArgs: [
    ['type_filter', 'String', 'Comma-separated sections: server_info, config, modules, module_list.', false],
    ['module_filter', 'String', 'Comma-separated module names.', false],
  ],
  responseExample: '{\n  "server_info": {"flavor":"ENT","version":"14.0.0"},\n  "_hash":"..."\n}',
});

export const LIST_HELP = longHelp({
  overview: 'Lists records of a module, newest first, a page at a time.',
  requestArgs: [
    ['fields', 'String', 'Comma-separated field names.', false],
    ['max_num', 'Integer', 'Records per page, 20 by default.', false],
    ['offset', 'Integer', 'Where the page starts; the answer gives the next one or -1.', false],
  ],
  requestExample: 'GET /rest/v11/Accounts?max_num=2&amp;offset=0&amp;fields=name',
  responseExample: '{\n  "next_offset":2,\n  "records":[{"id":"...","name":"Acme Industries Inc"}]\n}',
  changelog: [['v10', 'Added <code>/&lt;module&gt;</code> GET endpoint.']],
});

export const RECORD_HELP = longHelp({
  overview: 'Retrieves, updates or deletes one record by id.',
  requestArgs: [['fields', 'String', 'Comma-separated field names.', false]],
  responseExample: '{\n  "id":"...",\n  "name":"Acme Industries Inc",\n  "_module":"Accounts"\n}',
});
