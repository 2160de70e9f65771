import type * as Lazy from './lazy';
import type { Logger } from './core/ports';
import type { SugarApi, SugarClient } from './core/sugar/client';
import { sharedModules } from './lazyShared';

/** dist/lazy.js exports one function that takes the modules it shares with this bundle. */
type LazyBundle = (shared: typeof sharedModules) => typeof Lazy;

let loaded: typeof Lazy | undefined;

/** The first-use part of the extension (dist/lazy.js in the bundle), loaded once. */
export function lazy(): typeof Lazy {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require('./lazy') as typeof Lazy | LazyBundle;
    // Unbundled (tests), ./lazy is the plain module.
    loaded = typeof exported === 'function' ? exported(sharedModules) : exported;
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
