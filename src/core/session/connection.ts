import type { SugarTarget } from '../sugar/client';

/** What the session engine needs to know about a connection, resolved from its profile. */
export interface ConnectionDetails {
  name: string;
  username: string;
  /** The remembered password, when the user chose to remember it. */
  password?: string;
  /** With a concrete API version: `auto` is resolved before this is handed out. */
  target: SugarTarget;
}

export interface ConnectionResolver {
  resolve(connectionId: string, signal?: AbortSignal): Promise<ConnectionDetails>;
  /** What `resolve` would answer without waiting, when it is already known; lets a request skip a hop. */
  resolved?(connectionId: string): ConnectionDetails | undefined;
  /**
   * The connection as its profile says, without resolving an `auto` API version (its
   * `target.apiVersion` is then ''): sends nothing anywhere, so a session can be retired from a
   * connection whose new URL cannot be reached.
   */
  identify?(connectionId: string): Promise<ConnectionDetails>;
}
