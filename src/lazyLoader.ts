import type * as Lazy from './lazy';
import type { Logger } from './core/ports';
import type { SugarApi, SugarClient } from './core/sugar/client';

let loaded: typeof Lazy | undefined;

/** The first-use part of the extension (dist/lazy.js in the bundle), required once. */
export function lazy(): typeof Lazy {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./lazy') as typeof Lazy;
  return loaded;
}

/** A SugarClient that loads the HTTP client the first time it is asked for anything. */
export class LazySugarClient implements SugarApi {
  private real: { client: SugarClient; close(): Promise<void> } | undefined;

  constructor(private readonly logger: Logger) {}

  private get client(): SugarClient {
    this.real ??= lazy().createClient(this.logger);
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
