/**
 * Sugar-style routes: a path of fixed parts, `:variables` and the `<module>` wildcard, chosen by
 * how specific the match is (fixed parts beat the module wildcard, which beats a variable), the way
 * Sugar's ServiceDictionary scores candidates.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Part } from './data/multipart';
import type { RestCall, RestOutcome } from './rest';
import type { AccessGrant } from './sessions';
import type { SimState } from './state';
import type { UserRecord } from './users';
import type { ApiVersion } from './versions';

export type ReqType = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestContext {
  state: SimState;
  version: ApiVersion;
  params: Record<string, string>;
  module?: string;
  args: Record<string, unknown>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  grant?: AccessGrant;
  /** The raw request body (file uploads), and its multipart parts when it had any. */
  body?: Buffer;
  parts?: Part[];
  /** Runs another request with this one's service (what /bulk does for each of its requests). */
  runInternal?: (call: RestCall) => Promise<RestOutcome>;
  user?: UserRecord;
  /** Counter kind; handlers refine it (the token route counts per grant type). */
  kind: string;
}

export interface Reply {
  status?: number;
  json?: unknown;
  html?: string;
  /** A body that is not JSON (a file download), sent as `contentType` (text/plain by default). */
  text?: string;
  /** Bytes sent as they are (file downloads), as `contentType`. */
  binary?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface RouteDef {
  reqType: ReqType;
  /** e.g. `/oauth2/sudo/:user_name`, `/<module>/:record` */
  path: string;
  /** The server-side method name shown on the help page. */
  method: string;
  kind: string;
  shortHelp?: string;
  longHelp?: string;
  exceptions?: string[];
  noLoginRequired?: boolean;
  ignoreMetaHash?: boolean;
  /** Still answers for non-admins in maintenance mode. */
  ignoreSystemStatusError?: boolean;
  /** Logout calls an expired token "invalid", not "expired". */
  expiredTokenIsInvalid?: boolean;
  /** File downloads: `?platform=&download_token=` authenticates too. */
  downloadTokenAccepted?: boolean;
  /** Absent: the route is only listed on the help page and answers no_method. */
  handler?: Handler;
}

type Segment = { kind: 'literal'; value: string } | { kind: 'var'; name: string } | { kind: 'module' };

export interface CompiledRoute {
  def: RouteDef;
  segments: Segment[];
  score: number;
}

const WEIGHT = { literal: 1, module: 0.75, var: 0.5 } as const;

export function compileRoute(def: RouteDef): CompiledRoute {
  const segments: Segment[] = def.path
    .split('/')
    .filter((s) => s !== '')
    .map((s): Segment => {
      if (s === '<module>') return { kind: 'module' };
      if (s.startsWith(':')) return { kind: 'var', name: s.slice(1) };
      return { kind: 'literal', value: s };
    });
  const score = 8 + segments.reduce((n, s) => n + WEIGHT[s.kind], 0);
  return { def, segments, score };
}

export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
  module?: string;
}

export function matchRoute(
  routes: CompiledRoute[],
  reqType: string,
  parts: string[],
  isModule: (name: string) => boolean,
): RouteMatch | undefined {
  let best: RouteMatch | undefined;
  for (const route of routes) {
    if (route.def.reqType !== reqType || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let module: string | undefined;
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = route.segments[i];
      if (seg.kind === 'literal') ok = seg.value === parts[i];
      else if (seg.kind === 'module') {
        ok = isModule(parts[i]);
        module = parts[i];
      } else {
        params[seg.name] = parts[i];
      }
    }
    if (ok && (!best || route.score > best.route.score)) best = { route, params, module };
  }
  return best;
}
