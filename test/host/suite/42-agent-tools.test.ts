// The Sugar language model tools (issue 13 §5) in the real extension host, called as a chat would
// call them: vscode.lm.invokeTool (issue 13 §6). The allowlist setting, writes refused while
// sugar.agents.allowWrites is off, a write once it is on (outside a chat, VS Code asks
// prepareInvocation and puts its confirmationMessages to the DialogService, which an extension
// test host answers "confirmed" without showing: the question is read back from the Sugar log),
// sudo, and no token, password or client secret in any answer. The answers are also written under
// the user data folder, so the runner's leak search reads them too.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Simulator } from '../../sim/index';
import { addLoggedInAdmin } from './exploreHelpers';
import { allSecrets, credentials, eventually, explorer, run, sim } from './helpers';

const NAME = 'Agents (admin)';
const OTHER = 'Agents other';
const PLATFORM = 'agent_tests';
const TOOLS = ['sugar_listConnections', 'sugar_listModules', 'sugar_describeModule', 'sugar_findRecords', 'sugar_sendRequest'];

/** Every answer of this suite, for the secret search at the end. */
const answers: string[] = [];

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
  answers.push(text);
  return text;
}

const agents = () => vscode.workspace.getConfiguration('sugar.agents');
const setAllowed = (names: string[] | undefined) => agents().update('allowedConnections', names, vscode.ConfigurationTarget.Global);
const setWrites = (on: boolean | undefined) => agents().update('allowWrites', on, vscode.ConfigurationTarget.Global);

function sugarLog(): string {
  const dir = process.env.SUGAR_HOST_USER_DATA_DIR;
  if (!dir) return '';
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name === 'Sugar.log') files.push(path.join(d, e.name));
    }
  };
  walk(path.join(dir, 'logs'));
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

describe('agent tools: vscode.lm.invokeTool', function () {
  this.timeout(60_000);
  let s: Simulator;
  let accountsBefore: number;
  const count = async (): Promise<number> => Number(/"record_count":(\d+)/.exec(await invoke('sugar_sendRequest', { connection: NAME, path: '/Accounts/count' }))?.[1]);

  before(async () => {
    s = await sim();
    await explorer();
    await addLoggedInAdmin(s, NAME, PLATFORM);
    await run('sugar.addConnection', { name: OTHER, instanceUrl: s.url, username: 'jim', password: credentials.jimPassword, rememberPassword: true, platform: PLATFORM });
    // Registered right after activation: wait for the five.
    await eventually(() => vscode.lm.tools.filter((tool) => tool.name.startsWith('sugar_')).map((tool) => tool.name), (names) => names.length === TOOLS.length, 'the Sugar tools registered');
  });
  after(async () => {
    await setAllowed(undefined);
    await setWrites(undefined);
    // The runner's leak search reads the user data folder: the answers go there too.
    const dir = process.env.SUGAR_HOST_USER_DATA_DIR;
    if (dir) fs.writeFileSync(path.join(dir, 'logs', 'agent-tool-answers.txt'), answers.join('\n---\n'));
  });

  it('lists the five tools with their descriptions and input schemas', () => {
    const tools = vscode.lm.tools.filter((tool) => tool.name.startsWith('sugar_'));
    assert.deepStrictEqual(tools.map((tool) => tool.name).sort(), [...TOOLS].sort());
    const send = tools.find((tool) => tool.name === 'sugar_sendRequest')!;
    assert.match(send.description, /POST, PUT, PATCH and DELETE change data: they are refused unless the user enabled writes/);
    assert.deepStrictEqual((send.inputSchema as { required?: string[] }).required, ['connection', 'path']);
  });

  it('reaches no connection while sugar.agents.allowedConnections is empty, and says how to allow one', async () => {
    await setAllowed(undefined);
    const listed = await invoke('sugar_listConnections', {});
    assert.match(listed, /^No connection is available to agents\. \d+ other connections? (is|are) not allowed for agents \(the user adds its name to the setting sugar\.agents\.allowedConnections\)\./);
    const refused = await invoke('sugar_listModules', { connection: NAME });
    assert.match(refused, /^The connection "Agents \(admin\)" is not available to agents\. No connection is allowed for agents yet\. To allow it, the user adds "Agents \(admin\)" to the setting sugar\.agents\.allowedConnections/);
  });

  it('with the connection allowlisted, answers each tool as its session; another connection stays out of reach', async () => {
    await setAllowed([NAME]);
    const listed = await invoke('sugar_listConnections', {});
    const rows = JSON.parse(listed.slice(listed.indexOf('\n') + 1)) as Array<{ name: string; user: string; loggedIn: boolean; platform: string }>;
    assert.deepStrictEqual(rows.map(({ name, user, loggedIn, platform }) => ({ name, user, loggedIn, platform })), [{ name: NAME, user: 'admin', loggedIn: true, platform: PLATFORM }]);
    assert.ok(!listed.includes(OTHER), 'a connection that is not allowlisted was named');
    assert.match(await invoke('sugar_listModules', { connection: NAME }), /^7 modules admin on "Agents \(admin\)" may see:\nAccounts/);
    assert.match(await invoke('sugar_describeModule', { connection: NAME, module: 'Accounts' }), /^- industry: enum · "Industry"/m);
    assert.match(await invoke('sugar_findRecords', { connection: NAME, module: 'Accounts', fields: ['name'], maxNum: 2 }), /^POST \/Accounts\/filter as admin on "Agents \(admin\)": 2 records\. More records: call again with offset 2\./);
    assert.match(await invoke('sugar_sendRequest', { connection: NAME, path: '/me' }), /^GET \/me as admin on "Agents \(admin\)" → 200[^]*"user_name":"admin"/);
    assert.match(await invoke('sugar_sendRequest', { connection: OTHER, path: '/me' }), /^The connection "Agents other" is not available to agents\./);
  });

  it('refuses a write while sugar.agents.allowWrites is off, and /oauth2 whatever the setting', async () => {
    await setWrites(undefined);
    accountsBefore = await count();
    const refused = await invoke('sugar_sendRequest', { connection: NAME, method: 'POST', path: '/Accounts', body: { name: 'Agent write refused' } });
    assert.strictEqual(refused, 'Writes are off for agents: POST /Accounts was not sent. Only GET requests are sent unless the user enables writes (the setting sugar.agents.allowWrites). To search records, use sugar_findRecords.');
    assert.match(await invoke('sugar_sendRequest', { connection: NAME, method: 'POST', path: '/oauth2/token', body: { grant_type: 'password' } }), /^Requests to \/oauth2/);
    assert.match(await invoke('sugar_sendRequest', { connection: NAME, path: '/me', headers: { 'OAuth-Token': 'x' } }), /^The header "OAuth-Token" is not sent for agents/);
    assert.strictEqual(await count(), accountsBefore);
  });

  it('with writes on, prepareInvocation asks first (naming connection and user) and the write is sent', async () => {
    await setWrites(true);
    const made = await invoke('sugar_sendRequest', { connection: NAME, method: 'POST', path: '/Accounts', body: { name: 'Agent write allowed' } });
    assert.match(made, /^POST \/Accounts as admin on "Agents \(admin\)" → 200[^]*"name":"Agent write allowed"/);
    assert.strictEqual(await count(), accountsBefore + 1);
    // No dialog in a test host (DialogService answers confirm() itself there); the question was asked all the same.
    if (process.env.SUGAR_HOST_USER_DATA_DIR) {
      await eventually(sugarLog, (log) => log.includes('Agent tool sugar_sendRequest asks the user: Send POST to Sugar "Agents (admin)" as admin?'), 'the confirmation in the Sugar log');
    }
  });

  it('acts as a sudo user through an open sudo session, and says how to open one otherwise', async () => {
    assert.match(await invoke('sugar_sendRequest', { connection: NAME, path: '/me', sudoUser: 'jim' }), /has no sudo session as jim: the user can start one in the Sugar view/);
    const connectionId = (await (await explorer()).connections()).find((c) => c.name === NAME)!.id;
    await run('sugar.sudo', connectionId, 'jim');
    assert.match(await invoke('sugar_sendRequest', { connection: NAME, path: '/me', sudoUser: 'jim' }), /^GET \/me as jim \(sudo, through admin\) on "Agents \(admin\)" → 200[^]*"user_name":"jim"/);
    await run('sugar.endSudo', `${connectionId}/sudo/jim`);
  });

  it('no token, password or client secret in any answer', async () => {
    const secrets = await allSecrets();
    assert.ok(answers.length >= 15 && secrets.length > 3);
    const found = answers.flatMap((answer) => secrets.filter((secret) => answer.includes(secret)).map((secret) => `${secret.slice(0, 4)}… in ${answer.slice(0, 80)}`));
    assert.deepStrictEqual(found, []);
  });
});
