// The files the host writes under the user data folder (SUGAR_HOST_USER_DATA_DIR, set by the
// runner): the extension's "Sugar" log among them. For the leak search and the log tests.
import * as fs from 'fs';
import * as path from 'path';

export const userDataDir = process.env.SUGAR_HOST_USER_DATA_DIR;

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** Every log file of the run (settings.json is searched separately). */
export function logFiles(): string[] {
  return userDataDir ? filesUnder(path.join(userDataDir, 'logs')) : [];
}

/** The extension's "Sugar" log channel as the host wrote it to disk, if it exists yet. */
export function sugarLogFile(): string | undefined {
  const logs = logFiles();
  return logs.find((f) => /sugar-rest-explorer\.sugar-rest-explorer[\\/]Sugar\.log$/.test(f)) ?? logs.find((f) => /[\\/]Sugar\.log$/.test(f));
}

/** The Sugar log's lines so far (the host flushes its log files shortly after each line). */
export function sugarLogLines(): string[] {
  const file = sugarLogFile();
  return file ? fs.readFileSync(file, 'utf8').split(/\r?\n/) : [];
}
