// `sugar-rest mcp` as an MCP client runs it: the bundled command (esbuild.js's buildCli, as
// `npm run build` makes dist/cli.js and dist/mcp.js) spawned by the official SDK's
// StdioClientTransport and driven with its Client, against the simulator in another process.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type SimProcess, startSimProcess } from '../support/childProcesses';

const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildCli } = require(join(root, 'esbuild.js')) as { buildCli(options: { outdir: string; production?: boolean }): Promise<{ inputs: Record<string, unknown>; mcp: { inputs: Record<string, unknown> } }> };

const USER = 'mcp-admin';
const PASSWORD = 'mcp-S3cret-pass-5517';
// The simulator's own secret for explorer-client (its main has no option to set another).
const CLIENT_SECRET = 'explorer-secret';
const NAME = 'CI Sugar';

interface Server {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  /** Every tool answer's text. */
  texts: string[];
  /** Anything that was not an MCP message on stdout, or a transport fault. */
  faults: Error[];
  call(name: string, args?: Record<string, unknown>): Promise<{ text: string; isError: boolean }>;
}

type Answer = { content: Array<{ type: string; text?: string }>; isError?: boolean };

describe('sugar-rest mcp (MCP server over stdio, child processes)', function () {
  this.timeout(60_000);
  let sim: SimProcess;
  let cli: string;
  const servers: Server[] = [];

  const start = async (args: string[], env: Record<string, string> = {}): Promise<Server> => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli, 'mcp', ...args],
      env: {
        SUGAR_URL: sim.url,
        SUGAR_USERNAME: USER,
        SUGAR_PASSWORD: PASSWORD,
        SUGAR_CLIENT_ID: 'explorer-client',
        SUGAR_CLIENT_SECRET: CLIENT_SECRET,
        SUGAR_CONNECTION_NAME: NAME,
        // Every log line there is: a secret in any of them would show.
        SUGAR_LOG_LEVEL: 'trace',
        ...env,
      },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const faults: Error[] = [];
    const client = new Client({ name: 'sugar-rest-test', version: '1.0.0' });
    client.onerror = (error) => faults.push(error);
    await client.connect(transport);
    const texts: string[] = [];
    const server: Server = {
      client,
      transport,
      stderr: () => stderr,
      texts,
      faults,
      call: async (name, callArgs = {}) => {
        const answer = (await client.callTool({ name, arguments: callArgs })) as Answer;
        const text = answer.content.map((part) => part.text ?? '').join('\n');
        texts.push(text);
        return { text, isError: answer.isError === true };
      },
    };
    servers.push(server);
    return server;
  };
  const sessions = () => sim.control<unknown[]>('GET', 'sessions');
  const eventually = async (check: () => Promise<boolean>, what: string): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(what);
  };

  before(async () => {
    const outdir = join(root, 'out', 'mcp-bundle');
    const metafile = await buildCli({ outdir, production: true });
    assert.ok(!Object.keys(metafile.inputs).some((file) => file.includes('@modelcontextprotocol') || file.includes('zod')), 'the runner bundle (run) holds the MCP SDK');
    assert.ok(Object.keys(metafile.mcp.inputs).some((file) => file.includes('@modelcontextprotocol')), 'dist/mcp.js has no MCP SDK');
    cli = join(outdir, 'cli.js');
    sim = await startSimProcess(['--user', `${USER}:${PASSWORD}:admin`]);
  });
  after(async () => {
    for (const server of servers) await server.client.close().catch(() => undefined);
    await sim?.close();
  });

  it('lists the five tools with their schemas, sugar_sendRequest marked destructive and the others read-only', async () => {
    const server = await start(['--allow', NAME]);
    const { tools } = await server.client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name), ['sugar_listConnections', 'sugar_listModules', 'sugar_describeModule', 'sugar_findRecords', 'sugar_sendRequest']);
    const send = tools.find((tool) => tool.name === 'sugar_sendRequest')!;
    assert.deepEqual(send.inputSchema.required, ['connection', 'path']);
    assert.equal(send.annotations?.destructiveHint, true);
    assert.ok(tools.filter((tool) => tool.name !== 'sugar_sendRequest').every((tool) => tool.annotations?.readOnlyHint === true));
  });

  it('answers each tool as the environment\'s connection, logging in on first use', async () => {
    const server = await start(['--allow', NAME, '--allow-sudo', 'jim']);
    const listed = await server.call('sugar_listConnections');
    assert.equal(listed.isError, false);
    assert.deepEqual(JSON.parse(listed.text.slice(listed.text.indexOf('\n') + 1)), [{ name: NAME, url: sim.url, user: USER, platform: 'custom_api', loggedIn: false }]);
    const modules = await server.call('sugar_listModules', { connection: NAME });
    assert.match(modules.text, /^7 modules mcp-admin on "CI Sugar" may see:\nAccounts/);
    const accounts = await server.call('sugar_describeModule', { connection: NAME, module: 'Accounts' });
    assert.match(accounts.text, /^- industry: enum · "Industry"/m);
    const found = await server.call('sugar_findRecords', { connection: NAME, module: 'Accounts', fields: ['name'], maxNum: 2 });
    assert.match(found.text, /^POST \/Accounts\/filter as mcp-admin on "CI Sugar": 2 records\. More records: call again with offset 2\./);
    const me = await server.call('sugar_sendRequest', { connection: NAME, path: '/me' });
    assert.match(me.text, /^GET \/me as mcp-admin on "CI Sugar" → 200/);
    const jim = await server.call('sugar_sendRequest', { connection: NAME, path: '/me', sudoUser: 'jim' });
    assert.match(jim.text, /^GET \/me as jim \(sudo, through mcp-admin\) on "CI Sugar" → 200[^]*"user_name":"jim"/);
    assert.match((await server.call('sugar_listConnections')).text, /"loggedIn": true/);
    assert.deepEqual(server.faults, [], 'something other than MCP messages on stdout');
  });

  it('refuses a connection --allow does not name, writes without --allow-writes, and /oauth2', async () => {
    const server = await start(['--allow', NAME]);
    const other = await server.call('sugar_listModules', { connection: 'Production' });
    assert.equal(other.isError, true);
    assert.match(other.text, /The connection "Production" is not available to agents\. To allow it, the user starts the server with --allow Production/);
    const apiCalls = async () => (await sim.control<{ requests: Record<string, number> }>('GET', 'counters')).requests.api ?? 0;
    const before = await apiCalls();
    const write = await server.call('sugar_sendRequest', { connection: NAME, method: 'POST', path: '/Accounts', body: { name: 'From MCP' } });
    assert.equal(write.isError, true);
    assert.match(write.text, /^Writes are off for agents: POST \/Accounts was not sent\. .*\(the user starts the server with --allow-writes\)/);
    const token = await server.call('sugar_sendRequest', { connection: NAME, method: 'POST', path: '/oauth2/token', body: { grant_type: 'password' } });
    assert.match(token.text, /Requests to \/oauth2/);
    // A sudo session is a POST to /oauth2/sudo that ends the user's own session on the platform: only for users --allow-sudo names.
    const asJim = await server.call('sugar_sendRequest', { connection: NAME, path: '/me', sudoUser: 'jim' });
    assert.equal(asJim.isError, true);
    assert.match(asJim.text, /acts as another user only as the users the server was started to allow: the user starts it with --allow-sudo jim/);
    assert.equal(await apiCalls(), before, 'a refused request reached the server');
  });

  it('without --allow no connection is reachable, and stderr says how to allow it', async () => {
    const server = await start([]);
    const listed = await server.call('sugar_listConnections');
    assert.match(listed.text, /^No connection is available to agents\. 1 other connection is not allowed for agents \(the user starts the server with --allow <name>\)\./);
    assert.match(server.stderr(), /No connection is allowed for agents: start with --allow CI Sugar/);
  });

  it('a wrong password is a tool\'s answer the agent can relay, not a dead server', async () => {
    const wrong = 'mcp-Wrong-pass-8812';
    const server = await start(['--allow', NAME], { SUGAR_PASSWORD: wrong });
    const answer = await server.call('sugar_listModules', { connection: NAME });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /^Failed: /);
    assert.ok(!answer.text.includes(wrong) && !server.stderr().includes(wrong), 'the wrong password was shown');
    assert.match((await server.call('sugar_listConnections')).text, /"loggedIn": false/);
  });

  it('with --allow-writes a write is sent', async () => {
    const server = await start(['--allow', NAME, '--allow-writes']);
    const made = await server.call('sugar_sendRequest', { connection: NAME, method: 'POST', path: '/Accounts', body: { name: 'From MCP' } });
    assert.equal(made.isError, false, made.text);
    assert.match(made.text, /^POST \/Accounts as mcp-admin on "CI Sugar" → 200[^]*"name":"From MCP"/);
  });

  it('logs out when the client disconnects, and on SIGTERM', async () => {
    const disconnected = servers.splice(0);
    for (const server of disconnected) await server.client.close();
    await eventually(async () => (await sessions()).length === 0, 'sessions left after the clients disconnected');
    // Ended by the end of stdin, not by the SIGTERM the SDK's client sends 2 s after it.
    for (const server of disconnected) assert.match(server.stderr(), /Stopping \(the client disconnected\)/);
    assert.ok(disconnected.some((server) => /Logged out of /.test(server.stderr())));
    const server = await start(['--allow', NAME]);
    await server.call('sugar_sendRequest', { connection: NAME, path: '/me' });
    assert.equal((await sessions()).length, 1);
    const exited = new Promise<number | null>((resolve) => {
      const pid = server.transport.pid!;
      const timer = setInterval(() => {
        try {
          process.kill(pid, 0);
        } catch {
          clearInterval(timer);
          resolve(pid);
        }
      }, 50);
    });
    process.kill(server.transport.pid!, 'SIGTERM');
    await exited;
    assert.deepEqual(await sessions(), []);
    assert.match(server.stderr(), /Stopping \(SIGTERM\): logging out…[^]*Logged out of /);
  });

  it('no token, password or client secret in any answer or on stderr', async () => {
    const secrets = [PASSWORD, CLIENT_SECRET, ...(await sim.control<string[]>('GET', 'secrets'))];
    assert.ok(secrets.length > 6, 'the servers logged in');
    const all = [...servers, ...closed];
    assert.ok(all.length >= 5);
    for (const server of all) {
      for (const text of [...server.texts, server.stderr()]) for (const secret of secrets) assert.ok(!text.includes(secret), `a secret in: ${text.slice(0, 200)}`);
    }
  });

  /** Servers closed by the disconnect test, kept for the last one's search. */
  const closed: Server[] = [];
  afterEach(() => {
    for (const server of servers) if (!closed.includes(server)) closed.push(server);
  });
});
