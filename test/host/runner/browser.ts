// Launches Debian's chromium through playwright-core, headless, with a persistent profile folder
// (the workbench keeps globalState in IndexedDB there; search it after close()).
import * as fs from 'fs';
import * as path from 'path';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { chromiumPath } from './paths';

export interface BrowserOptions {
  /** Temp folder; the profile goes to <tmpRoot>/browser-profile, HOME/XDG to <tmpRoot>/browser-home. */
  tmpRoot: string;
  viewport?: { width: number; height: number };
  /** SUGAR_HOST_HEADED=1 needs a display (there is none on the CI machines). */
  headless?: boolean;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  profileDir: string;
  /** Closes the browser; afterwards the profile folder is complete on disk. */
  close(): Promise<void>;
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(opts: BrowserOptions): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: run scripts/install-host.sh`);
  const profileDir = path.join(opts.tmpRoot, 'browser-profile');
  const home = path.join(opts.tmpRoot, 'browser-home');
  for (const d of [profileDir, path.join(home, '.config'), path.join(home, '.cache')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
  });

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: opts.headless ?? true,
    args: chromiumArgs,
    env,
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    profileDir,
    async close() {
      if (closed) return;
      closed = true;
      await withTimeout(context.close(), 15_000, 'closing the browser');
    },
  };
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms);
    }),
  ]);
}
