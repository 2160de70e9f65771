/**
 * `npm run sim`: a standalone simulator for demos and for `npm run test:live` in another process.
 * Prefers ports 8080/8443 so a person gets a stable URL, and falls back to free ports.
 */
import { createServer } from 'node:net';
import { DEFAULT_PLATFORMS } from './platforms';
import { startSimulator } from './simulator';
import type { SimOptions, SimUser } from './types';
import { DEMO_USERS } from './users';

const USAGE = `Usage: node out/test/sim/main.js [options]
  --host <addr>          listen address (default 127.0.0.1)
  --port <n>             HTTP port (default 8080 when free, else any free port; 0 = any)
  --https-port <n>       HTTPS port (default 8443 when free, else any free port; 0 = any)
  --max-version <v>      highest API version, e.g. v11_24 (default), v11_16, v11_1
  --access-ttl <s>       access token lifetime in seconds (default 3600)
  --refresh-ttl <s>      refresh token lifetime in seconds (default 1209600)
  --grace <s>            seconds an old access token survives a refresh (default 0; Sugar 12: 120)
  --lockout <n>          failed logins before lockout (default 5)
  --refresh-epoch        answer refresh_expires_in as an epoch time on refresh (SugarCloud)
  --large-schema [n]     add n custom modules (default 400: /metadata over 10 MB), for the bench
  --user <name:password[:admin]>  add a user (repeatable), e.g. for a password no test output may hold
  --quiet                do not log requests
  --help                 this text`;

function parseArgs(argv: string[]): { options: SimOptions; explicitPort: boolean; explicitHttpsPort: boolean } {
  const options: SimOptions = { quiet: false };
  let explicitPort = false;
  let explicitHttpsPort = false;
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number >= 0`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = (): string | undefined => argv[++i];
    switch (flag) {
      case '--host': options.host = next(); break;
      case '--port': options.port = num(flag, next()); explicitPort = true; break;
      case '--https-port': options.httpsPort = num(flag, next()); explicitHttpsPort = true; break;
      case '--max-version': options.maxVersion = next(); break;
      case '--access-ttl': options.accessTokenTtl = num(flag, next()); break;
      case '--refresh-ttl': options.refreshTokenTtl = num(flag, next()); break;
      case '--grace': options.oldAccessTokenGraceSeconds = num(flag, next()); break;
      case '--lockout': options.lockoutAfter = num(flag, next()); break;
      case '--refresh-epoch': options.refreshExpiresAsEpoch = true; break;
      case '--large-schema': options.largeSchemaModules = /^\d+$/.test(argv[i + 1] ?? '') ? num(flag, next()) : 400; break;
      case '--user': options.users = [...(options.users ?? DEMO_USERS), parseUser(next())]; break;
      case '--quiet': options.quiet = true; break;
      case '--help': case '-h': process.stdout.write(`${USAGE}\n`); process.exit(0); break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return { options, explicitPort, explicitHttpsPort };
}

function parseUser(spec: string | undefined): SimUser {
  const [userName, password, type] = (spec ?? '').split(':');
  if (!userName || !password || (type !== undefined && type !== 'admin')) throw new Error('--user needs name:password or name:password:admin');
  return { userName, password, fullName: userName, type: type === 'admin' ? 'admin' : 'user', status: 'Active' };
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host }, () => probe.close(() => resolve(true)));
  });
}

async function main(): Promise<void> {
  const { options, explicitPort, explicitHttpsPort } = parseArgs(process.argv.slice(2));
  const host = options.host ?? '127.0.0.1';
  if (!explicitPort) options.port = (await isFree(8080, host)) ? 8080 : 0;
  if (!explicitHttpsPort) options.httpsPort = (await isFree(8443, host)) ? 8443 : 0;
  const sim = await startSimulator(options);
  const version = options.maxVersion ?? 'v11_24';
  const users = options.users ?? DEMO_USERS;
  const lines = [
    'Sugar simulator running.',
    `  HTTP instance URL:  ${sim.url}`,
    `  HTTPS instance URL: ${sim.httpsUrl}  (CA: test/fixtures/tls/ca.pem)`,
    `  REST base:          ${sim.url}/rest/${version}   (API v10 .. ${version})`,
    `  Help page:          ${sim.url}/rest/${version}/help`,
    `  Control API:        ${sim.url}/__sim/counters, /__sim/sessions, ...`,
    '  Users:',
    ...users.map((u) => `    ${u.userName} / ${u.password}  (${u.type}, ${u.status}, "${u.fullName}")`),
    `  Platforms: ${(options.platforms ?? DEFAULT_PLATFORMS).join(', ')}`,
    `  Clients: ${Object.entries(options.clients ?? { sugar: '', 'explorer-client': 'explorer-secret' })
      .map(([id, secret]) => (secret ? `${id} (secret "${secret}")` : `${id} (no secret)`))
      .join(', ')}`,
    '  Try:',
    `    curl -s -X POST -H 'Content-Type: application/json' -d '{"grant_type":"password","client_id":"sugar","client_secret":"","username":"admin","password":"admin","platform":"custom_api"}' ${sim.url}/rest/${version}/oauth2/token`,
    'Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the simulator.\n`);
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
