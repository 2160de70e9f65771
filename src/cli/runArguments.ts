import { CLI_VARIABLES, CliUsageError } from './cliEnvironment';

export interface RunArguments {
  paths: string[];
  junitFile?: string;
  insecureTls: boolean;
  /** Stop after the first request that fails or cannot be sent; the rest are reported skipped. */
  bail: boolean;
}

export const RUN_USAGE = 'sugar-rest run <files or folders…> [--reporter junit --output FILE] [--insecure] [--bail]';

export function helpText(version: string): string {
  const variables = Object.entries(CLI_VARIABLES).map(([name, meaning]) => `  ${name.padEnd(20)} ${meaning}`);
  return [
    `sugar-rest ${version}: runs the requests of .sugar files against a Sugar instance and checks their ?? assertions.`,
    '',
    'Usage:',
    `  ${RUN_USAGE}`,
    '  sugar-rest mcp --allow <connection name> [--allow-writes]   (the agent tools as an MCP server on stdio; mcp --help)',
    '  sugar-rest --help | --version',
    '',
    'run:',
    '  Folders are searched recursively for *.sugar (node_modules and .git are skipped).',
    '  Each request prints one line (✓ passed, ✗ failed, ! not sent, - skipped), then each failed',
    '  assertion with its actual value; a summary line ends the run.',
    '  --reporter junit --output FILE   also write JUnit XML (one testsuite per file) to FILE',
    '  --insecure                       do not check TLS certificates (said on stderr; prefer SUGAR_CA_FILE)',
    '  --bail                           stop after the first request that fails',
    '',
    'The connection comes from the environment, never from arguments:',
    ...variables,
    '',
    '"# @connection <name> as <user>" in a file: the name is ignored (there is one connection, the',
    'environment\'s); "as <user>" sends as that user through a sudo session (the login user must be an admin).',
    'Every session is logged out at the end, also on Ctrl-C. Tokens, the password and the client secret',
    'are never printed.',
    '',
    'Exit codes: 0 every request passed, 1 a request failed or could not be sent, 2 wrong arguments,',
    'configuration or login, 130/143 interrupted (SIGINT/SIGTERM).',
  ].join('\n');
}

/** `run`'s arguments; throws CliUsageError (exit code 2) with one sentence. */
export function parseRunArguments(args: readonly string[]): RunArguments {
  const parsed: RunArguments = { paths: [], insecureTls: false, bail: false };
  let reporter: string | undefined;
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!options || !arg.startsWith('-') || arg === '-') {
      parsed.paths.push(arg);
      continue;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const valueOf = (): string => {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new CliUsageError(`${flag} needs a value: ${RUN_USAGE}`);
      return value;
    };
    switch (flag) {
      case '--':
        options = false;
        break;
      case '--reporter':
        reporter = valueOf();
        if (reporter !== 'junit') throw new CliUsageError(`Unknown reporter "${reporter}": the one reporter besides the console is junit.`);
        break;
      case '--output':
      case '-o':
        parsed.junitFile = valueOf();
        break;
      case '--insecure':
        parsed.insecureTls = true;
        break;
      case '--bail':
        parsed.bail = true;
        break;
      default:
        throw new CliUsageError(`Unknown option ${flag}: ${RUN_USAGE}`);
    }
  }
  if (reporter && !parsed.junitFile) throw new CliUsageError('--reporter junit needs --output FILE: where to write the XML.');
  if (parsed.junitFile && !reporter) throw new CliUsageError('--output needs --reporter junit: the console report goes to stdout.');
  if (parsed.paths.length === 0) throw new CliUsageError(`Name the .sugar files or folders to run: ${RUN_USAGE}`);
  return parsed;
}
