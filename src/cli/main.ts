/**
 * The `sugar-rest` command (package.json "bin", bundled to dist/cli.js by esbuild.js). Built from
 * the same core as the extension, never from `vscode`. Subcommands are a table: each takes its
 * arguments and the process's I/O and answers the exit code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { helpText } from './runArguments';
import { type CliIo, runCommand } from './runCommand';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  // The MCP server and its SDK load only for `mcp` (bundled apart, as dist/mcp.js: see esbuild.js).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mcp: (args, io) => (require('./mcpServer') as typeof import('./mcpServer')).mcpCommand(args, io),
};

/** The package's version: package.json above dist/cli.js (bundled) or out/src/cli/main.js (tests). */
function packageVersion(): string {
  for (let folder = __dirname, i = 0; i < 5; folder = dirname(folder), i++) {
    const file = join(folder, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
      if (typeof version === 'string') return version;
    } catch {
      // Not ours; look further up.
    }
  }
  return 'unknown';
}

async function main(argv: readonly string[]): Promise<number> {
  const version = packageVersion();
  // `npx sugar-rest -- run …` passes the `--` on.
  const [first, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  const out = (text: string): void => void process.stdout.write(text);
  const err = (text: string): void => void process.stderr.write(text);
  if (first === undefined) {
    err(`${helpText(version)}\n`);
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    out(`${helpText(version)}\n`);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    out(`${version}\n`);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    err(`Unknown command "${first}": try sugar-rest --help.\n`);
    return 2;
  }
  // The first SIGINT/SIGTERM aborts the running request and lets the command log out; a second one ends at once.
  const interrupt = new AbortController();
  let interruptedBy: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => {
    if (interruptedBy) process.exit(signal === 'SIGINT' ? 130 : 143);
    interruptedBy = signal;
    err(`\n${signal}: stopping, logging out…\n`);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return command(rest, { stdout: out, stderr: err, env: process.env, cwd: process.cwd(), version, interrupt: interrupt.signal, interruptedBy: () => interruptedBy });
}

main(process.argv.slice(2)).then(
  (code) => finish(code),
  (error: unknown) => {
    // A fault of the runner itself: the message only (a stack names no secret, but says nothing to a CI user either).
    process.stderr.write(`sugar-rest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    finish(2);
  },
);

/** Lets stdout drain (a pipe to a CI log is written asynchronously), then ends even if a stray handle remains. */
function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2000).unref();
}
