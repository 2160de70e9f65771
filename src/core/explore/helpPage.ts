/**
 * Endpoint discovery from an instance's GET /help page (HTML only, no login needed).
 *
 * The page is not a table: each endpoint is a `<div class="row-fluid line">` whose cells are
 * `spanN` divs: request type plus the `help_link_N` element holding the full path, then the
 * server-side method name, the short help, the exceptions (links or "None") and a score; then a
 * collapsed `<div id="endpoint_N_full">` with the long help, which is free HTML with its own
 * tables. Once that div opens, nothing is read until the next row starts, so the long help can
 * neither invent endpoints nor (with unbalanced divs, which real pages have) swallow real ones.
 * Sugar 7's older layout (type in its own `span1`, path in a `btn-link` button targeting
 * `#endpoint_N_full`, no exceptions column) reads the same way.
 */
import { classesOf, collapseWhitespace, scanHtml, type HtmlTag } from './htmlScanner';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface Endpoint {
  method: HttpMethod;
  /** As the page shows it, e.g. `/<module>/:record/link/:link_name` (entities decoded). */
  path: string;
  /** The short help, whitespace-collapsed text. */
  summary: string;
  /** The server-side method name cell, e.g. `retrieveRecord`. */
  methodName?: string;
  /** Exception class names; [] when the page says "None"; absent when the page has no such column. */
  exceptions?: string[];
  /** Path variables in order; `<module>` counts as `module`. */
  variables: string[];
  /**
   * The first path segment as written: `oauth2`, `Accounts`, `me`. Module-generic routes keep the
   * literal `<module>`, the way the page and the paths show it (and it sorts first).
   */
  group: string;
}

export interface EndpointGroup {
  group: string;
  endpoints: Endpoint[];
}

const METHOD = /\b(GET|POST|PUT|DELETE|PATCH)\b/gi;
const ANCHOR_ID = /^help_link_\d+$/;
const ANCHOR_TARGET = /^#endpoint_\d+_full$/;
const LONG_HELP_ID = /^endpoint_\d+_full$/;
const CELL_CLASS = /^span\d+$/;
/** Tags whose edges separate words in a cell's text. */
const WORD_BREAKS = new Set(['br', 'p', 'li', 'ul', 'ol', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4', 'pre', 'code']);

interface Cell {
  text: string;
  links: string[];
  isScore: boolean;
  /** Started after the path element closed: method name, short help, exceptions, score. */
  afterAnchor: boolean;
  /** The row's div depth at which the cell opened. */
  depth: number;
}

interface RowDraft {
  textBeforeAnchor: string;
  path?: string;
  cells: Cell[];
}

const isRowStart = (tag: HtmlTag): boolean => {
  if (tag.name !== 'div' || tag.closing) return false;
  const classes = classesOf(tag);
  return classes.includes('row-fluid') && classes.includes('line');
};

const isAnchor = (tag: HtmlTag): boolean =>
  ANCHOR_ID.test(tag.attributes.id ?? '') || ANCHOR_TARGET.test(tag.attributes['data-target'] ?? '');

/** A scanner state machine over one page; `endpoints` fills as rows end. */
class HelpPageReader {
  readonly endpoints: Endpoint[] = [];
  private row: RowDraft | undefined;
  private depth = 0;
  private cell: Cell | undefined;
  private anchor: { name: string; nesting: number; text: string } | undefined;
  private link: string | undefined;

  tag(tag: HtmlTag): void {
    if (isRowStart(tag)) return this.startRow();
    if (!this.row) return;
    if (this.anchor) return this.anchorTag(tag);
    if (!tag.closing && this.row.path === undefined && isAnchor(tag)) {
      this.anchor = { name: tag.name, nesting: 0, text: '' };
      return;
    }
    if (tag.name === 'div') return tag.closing ? this.closeDiv() : this.openDiv(tag);
    if (tag.name === 'a' && this.cell) {
      if (!tag.closing) this.link = '';
      else if (this.link !== undefined) {
        this.cell.links.push(collapseWhitespace(this.link));
        this.link = undefined;
      }
    }
    if (WORD_BREAKS.has(tag.name)) this.text(' ');
  }

  text(text: string): void {
    if (!this.row) return;
    if (this.anchor) {
      this.anchor.text += text;
      return;
    }
    if (this.row.path === undefined) this.row.textBeforeAnchor += text;
    if (this.cell) this.cell.text += text;
    if (this.link !== undefined) this.link += text;
  }

  /** `cut`: the page ends mid-way, so a row still open may lack its end (a cut path): drop it. */
  finish(cut = false): Endpoint[] {
    if (cut) this.row = undefined;
    this.endRow();
    return this.endpoints;
  }

  private startRow(): void {
    this.endRow();
    this.row = { textBeforeAnchor: '', cells: [] };
    this.depth = 1;
  }

  private openDiv(tag: HtmlTag): void {
    // The long help: stop reading this row; the next row start resumes.
    if (LONG_HELP_ID.test(tag.attributes.id ?? '')) return this.endRow();
    this.depth++;
    const classes = this.cell ? [] : classesOf(tag);
    if (classes.some((c) => CELL_CLASS.test(c))) {
      this.cell = { text: '', links: [], isScore: classes.includes('score'), afterAnchor: this.row?.path !== undefined, depth: this.depth };
    }
    this.text(' ');
  }

  private closeDiv(): void {
    if (this.cell && this.depth === this.cell.depth) {
      this.row?.cells.push(this.cell);
      this.cell = undefined;
      this.link = undefined;
    }
    this.depth--;
    if (this.depth <= 0) this.endRow();
    else this.text(' ');
  }

  private anchorTag(tag: HtmlTag): void {
    const anchor = this.anchor;
    if (!anchor || !this.row || tag.name !== anchor.name) return;
    if (!tag.closing) anchor.nesting++;
    else if (anchor.nesting > 0) anchor.nesting--;
    else {
      this.row.path = anchor.text.replace(/\s+/g, '');
      this.anchor = undefined;
    }
  }

  private endRow(): void {
    const row = this.row;
    if (row && this.cell) row.cells.push(this.cell);
    // A path element that never closed still holds the path.
    if (row && this.anchor) row.path = this.anchor.text.replace(/\s+/g, '');
    this.row = undefined;
    this.cell = undefined;
    this.anchor = undefined;
    this.link = undefined;
    this.depth = 0;
    const endpoint = row && endpointFromRow(row);
    if (endpoint) this.endpoints.push(endpoint);
  }
}

function endpointFromRow(row: RowDraft): Endpoint | undefined {
  const path = row.path;
  if (!path || !path.startsWith('/')) return undefined;
  // The type is the last method word before the path (the first cell holds nothing else).
  const method = [...row.textBeforeAnchor.matchAll(METHOD)].pop()?.[1].toUpperCase() as HttpMethod | undefined;
  if (!method) return undefined;
  const [name, help, exceptions] = row.cells.filter((c) => c.afterAnchor && !c.isScore);
  const endpoint: Endpoint = {
    method,
    path,
    summary: collapseWhitespace(help?.text ?? ''),
    variables: endpointVariables(path),
    group: groupOf(path),
  };
  const methodName = collapseWhitespace(name?.text ?? '');
  if (methodName) endpoint.methodName = methodName;
  if (exceptions) endpoint.exceptions = exceptionNames(exceptions);
  return endpoint;
}

function exceptionNames(cell: Cell): string[] {
  const names = cell.links.length > 0 ? cell.links : collapseWhitespace(cell.text).split(/\s*,\s*/);
  return names.filter((n) => n !== '' && n.toLowerCase() !== 'none');
}

function groupOf(path: string): string {
  return path.split(/[/?]/)[1] || '/';
}

/** A variable is a whole segment: `<module>` or `:name` right after a slash. */
const PATH_VARIABLE = /(?<=\/)(?:<module>|:([A-Za-z_][A-Za-z0-9_]*))(?=\/|\?|$)/g;

/** `:name` segments and the `<module>` wildcard, in order, each once. */
function endpointVariables(path: string): string[] {
  const names = [...path.matchAll(PATH_VARIABLE)].map((m) => m[1] ?? 'module');
  return [...new Set(names)];
}

/**
 * The most of a /help page that is read: Sugar 14's full page is about 2 MB. The scan is linear,
 * but it runs on the extension host, which every extension shares.
 */
export const HELP_PAGE_MAX_CHARS = 8 * 1024 * 1024;

/** Endpoints in page order (Sugar sorts the page by path), and a note when the page was cut. */
export function readHelpPage(html: string): { endpoints: Endpoint[]; note?: string } {
  const cut = html.length > HELP_PAGE_MAX_CHARS;
  const reader = new HelpPageReader();
  scanHtml(cut ? html.slice(0, HELP_PAGE_MAX_CHARS) : html, reader);
  const endpoints = reader.finish(cut);
  if (!cut) return { endpoints };
  const size = (chars: number): string => `${(chars / 1024 / 1024).toFixed(1)} MB`;
  return { endpoints, note: `The /help page is ${size(html.length)}; only its first ${size(HELP_PAGE_MAX_CHARS)} were read, so the list may miss endpoints.` };
}

/** Endpoints in page order; [] for anything that is not a help page. */
export function parseHelpPage(html: string): Endpoint[] {
  return readHelpPage(html).endpoints;
}

/** Groups sorted case-insensitively; endpoints keep their order within a group. */
export function groupEndpoints(endpoints: Endpoint[]): EndpointGroup[] {
  const groups = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) {
    const list = groups.get(endpoint.group);
    if (list) list.push(endpoint);
    else groups.set(endpoint.group, [endpoint]);
  }
  const key = (g: string): string => g.toLowerCase();
  return [...groups]
    .sort(([a], [b]) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([group, list]) => ({ group, endpoints: list }));
}

/**
 * Fills `:name` segments and `<module>` (value `module`) with URI-encoded values; a query string
 * after `?` is left alone. Throws naming every missing (or empty) variable.
 */
export function fillPath(path: string, values: Record<string, string>): string {
  const queryAt = path.indexOf('?');
  const pathPart = queryAt < 0 ? path : path.slice(0, queryAt);
  const query = queryAt < 0 ? '' : path.slice(queryAt);
  const missing: string[] = [];
  const filled = pathPart.replace(PATH_VARIABLE, (whole, name: string | undefined) => {
    const key = name ?? 'module';
    const value = Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
    if (value === undefined || value === '') {
      if (!missing.includes(key)) missing.push(key);
      return whole;
    }
    return encodeURIComponent(value);
  });
  if (missing.length > 0) {
    const list = missing.map((m) => `"${m}"`).join(', ');
    throw new Error(`No value for path variable${missing.length > 1 ? 's' : ''} ${list} in ${path}`);
  }
  return filled + query;
}
