/** Admin > Configure API Platforms: only registered names may log in (since Winter '18). */
import { invalidPlatform } from './errors';

export const DEFAULT_PLATFORMS = ['base', 'mobile', 'portal', 'custom_api', 'opi', 'sugar_rest_explorer'];

const PLATFORM_RE = /^[a-z0-9_-]{1,127}$/;

export function isWellFormedPlatform(name: string): boolean {
  return PLATFORM_RE.test(name);
}

export class PlatformRegistry {
  private readonly names: Set<string>;

  constructor(initial: string[]) {
    this.names = new Set(initial);
  }

  register(name: string): void {
    if (!isWellFormedPlatform(name)) throw new Error(`Platform names must match [a-z0-9_-]{1,127}: ${JSON.stringify(name)}`);
    this.names.add(name);
  }

  unregister(name: string): void {
    this.names.delete(name);
  }

  /** Throws Sugar's 422 for malformed and unregistered names alike. */
  check(name: string): void {
    if (!isWellFormedPlatform(name) || !this.names.has(name)) throw invalidPlatform();
  }

  list(): string[] {
    return [...this.names];
  }
}
