import type * as Lazy from './lazy';
import type { Logger } from './core/ports';
import type { SugarApi, SugarClient } from './core/sugar/client';
import * as errors from './core/sugar/errors';
import * as commandRunner from './vscode/commands/commandRunner';
import * as nodes from './vscode/tree/nodes';

/**
 * The modules dist/lazy.js must share with this bundle (one error class, one set of tree-node
 * classes, one error-to-connection map). esbuild.js points lazy.js's imports of them here, so the
 * sharing does not depend on how the host caches module files.
 */
export const SHARED_MODULES_KEY = Symbol.for('sugar-rest-explorer.shared-modules');
const sharedModules = { errors, commandRunner, nodes };

let loaded: typeof Lazy | undefined;

/** The first-use part of the extension (dist/lazy.js in the bundle), required once. */
export function lazy(): typeof Lazy {
  if (!loaded) {
    (globalThis as Record<symbol, unknown>)[SHARED_MODULES_KEY] = sharedModules;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('./lazy') as typeof Lazy;
  }
  return loaded;
}

/** A SugarClient that loads the HTTP client the first time it is asked for anything. */
export class LazySugarClient implements SugarApi {
  private real: { client: SugarClient; close(): Promise<void> } | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly settings: Lazy.ClientSettings = {},
  ) {}

  private get client(): SugarClient {
    this.real ??= lazy().createClient(this.logger, this.settings);
    return this.real.client;
  }

  passwordLogin: SugarApi['passwordLogin'] = (...args) => this.client.passwordLogin(...args);
  refresh: SugarApi['refresh'] = (...args) => this.client.refresh(...args);
  logout: SugarApi['logout'] = (...args) => this.client.logout(...args);
  sudo: SugarApi['sudo'] = (...args) => this.client.sudo(...args);
  request: SugarApi['request'] = (...args) => this.client.request(...args);
  detectHighestVersion: SugarApi['detectHighestVersion'] = (...args) => this.client.detectHighestVersion(...args);

  async close(): Promise<void> {
    await this.real?.close();
  }
}
