/**
 * `sugar-rest run`: finds the files, logs in once, runs every file's requests in order, prints
 * each outcome as it comes, writes the JUnit report, logs out. Exit codes: 0 all passed, 1 a
 * request failed or was not sent, 2 arguments, configuration or login, 130/143 interrupted.
 */
import { constants } from 'node:fs';
import { access, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type CliContext, CliConfigError, CliUsageError, openCliContext } from './cliContext';
import { ConsoleReport } from './consoleReport';
import { runFileRequests } from './fileRequests';
import { type FileRun, totalsOf } from './fileRun';
import { junitXml, writeFileAtomically } from './junitReport';
import { helpText, parseRunArguments, type RunArguments } from './runArguments';
import { findRequestFiles, type RequestFileRef } from './requestFileSearch';
import { terminalLine } from './safeText';

/** A request file is a few KB; a larger one is not read (and reported). */
export const MAX_REQUEST_FILE_BYTES = 5 * 1024 * 1024;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  version: string;
  /** Aborted on SIGINT/SIGTERM: the running request stops, the sessions are logged out. */
  interrupt: AbortSignal;
  /** The signal's name once it came, for the exit code and the summary. */
  interruptedBy(): 'SIGINT' | 'SIGTERM' | undefined;
}

const INTERRUPT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${helpText(io.version)}\n`);
    return 0;
  }
  let options: RunArguments;
  let files: RequestFileRef[];
  try {
    options = parseRunArguments(args);
    files = await findRequestFiles(options.paths, io.cwd);
    if (options.junitFile) await checkWritable(resolve(io.cwd, options.junitFile));
  } catch (error) {
    return reportConfigError(error, io);
  }
  const started = performance.now();
  let context: CliContext;
  try {
    // The engine's lines (each request, each refresh) repeat the report: only warnings unless SUGAR_LOG_LEVEL says otherwise.
    context = await openCliContext(io.env, { insecureTls: options.insecureTls, signal: io.interrupt, defaultLogLevel: 'warn' });
  } catch (error) {
    const signal = io.interruptedBy();
    return signal ? INTERRUPT_CODES[signal] : reportConfigError(error, io);
  }
  const { engine, connectionId, connectionName } = context;
  const session = engine.state(connectionId);
  io.stderr(context.redact(`Logged in to ${connectionName} as ${session.username ?? ''} on platform ${session.platform ?? ''} (API ${session.apiVersion ?? ''}).\n`));
  try {
    const runs = await runFiles(context, files, options, io);
    const elapsed = performance.now() - started;
    const totals = totalsOf(runs);
    const signal = io.interruptedBy();
    new ConsoleReport(io.stdout, context.redact).summary(totals, elapsed, signal);
    if (options.junitFile) {
      try {
        await writeFileAtomically(resolve(io.cwd, options.junitFile), junitXml(runs, elapsed, context.redact));
      } catch (error) {
        io.stderr(`The JUnit report could not be written to ${options.junitFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}).\n`);
        return 2;
      }
    }
    if (signal) return INTERRUPT_CODES[signal];
    return totals.failed + totals.errors > 0 ? 1 : 0;
  } catch (error) {
    // A fault of the runner itself, once secrets are known: said through the redaction like everything else.
    io.stderr(`${terminalLine(context.redact(`The run stopped: ${error instanceof Error ? error.message : String(error)}`), 4000)}\n`);
    return 2;
  } finally {
    const { loggedOut } = await context.close();
    if (loggedOut) io.stderr(`Logged out of ${connectionName}.\n`);
  }
}

/**
 * Every file in order. Once interrupted (or, with --bail, once a request failed) nothing more is
 * sent, but every later request is still listed, skipped, so the report shows what did not run.
 */
async function runFiles(context: CliContext, files: readonly RequestFileRef[], options: RunArguments, io: CliIo): Promise<FileRun[]> {
  const report = new ConsoleReport(io.stdout, context.redact);
  const bail = new AbortController();
  const signal = AbortSignal.any([io.interrupt, bail.signal]);
  const skipReason = (): string | undefined => {
    const interrupted = io.interruptedBy();
    return interrupted ? `interrupted by ${interrupted}` : bail.signal.aborted ? '--bail: an earlier request failed' : undefined;
  };
  const runs: FileRun[] = [];
  for (const file of files) {
    const started = performance.now();
    report.fileStarted(file.display);
    const text = await readRequestFile(file.path);
    if (typeof text !== 'string') {
      const run: FileRun = { file, outcomes: [], error: text.error, timeMs: 0 };
      report.fileFailed(run);
      runs.push(run);
      if (options.bail) bail.abort();
      continue;
    }
    const outcomes = await runFileRequests(context, text, {
      signal,
      onOutcome: (outcome) => {
        report.outcome(outcome, skipReason());
        if (options.bail && !outcome.passed && !outcome.skipped) bail.abort();
      },
    });
    const run: FileRun = { file, outcomes, timeMs: performance.now() - started };
    const reason = skipReason();
    if (reason && outcomes.some((outcome) => outcome.skipped)) run.skipReason = reason;
    runs.push(run);
  }
  return runs;
}

async function readRequestFile(path: string): Promise<string | { error: string }> {
  try {
    const size = (await stat(path)).size;
    if (size > MAX_REQUEST_FILE_BYTES) return { error: `The file is ${size} bytes, over the ${MAX_REQUEST_FILE_BYTES} a request file may have; it was not run.` };
    return await readFile(path, 'utf8');
  } catch (error) {
    return { error: `The file could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
  }
}

/** Before anything is sent: a report that cannot be written would otherwise cost the whole run. */
async function checkWritable(file: string): Promise<void> {
  const folder = dirname(file);
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
  } catch (error) {
    throw new CliUsageError(`The JUnit report cannot be written to ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  if ((await stat(file).catch(() => undefined))?.isDirectory()) throw new CliUsageError(`--output ${file} is a folder: name a file.`);
}

function reportConfigError(error: unknown, io: CliIo): number {
  if (error instanceof CliConfigError) {
    // A failed login's message quotes the server: shown, not acted on, by the terminal.
    io.stderr(`${terminalLine(error.message, 4000)}\n`);
    return error.exitCode;
  }
  throw error;
}
