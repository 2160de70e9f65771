/**
 * A small HTML scanner: enough to read generated pages (Sugar's /help) without a DOM library,
 * whose bytes the bundle would pay for. It walks tags and text in order; it does not build a tree,
 * so unbalanced markup (real long help has some) cannot derail it. Comments, doctype, processing
 * instructions and the raw text of <script>/<style> are skipped: Sugar's help page has a script
 * that mentions `#help_link_`, which must not look like a row.
 */

export interface HtmlTag {
  /** Lower-case tag name. */
  name: string;
  closing: boolean;
  /** Lower-case attribute names, entity-decoded values ('' for a bare attribute). */
  attributes: Record<string, string>;
}

export interface HtmlVisitor {
  tag(tag: HtmlTag): void;
  /** Entity-decoded text between tags. */
  text(text: string): void;
}

// One alternative per kind of markup; the tag alternative's pieces start with distinct characters,
// so the regex cannot backtrack badly on odd input (an unterminated quote just makes `<` text).
const MARKUP =
  /<!--[\s\S]*?(?:-->|$)|<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[!?][^>]*>/gi;

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

const NAMED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  copy: '\u00a9',
  reg: '\u00ae',
  times: '\u00d7',
  laquo: '\u00ab',
  raquo: '\u00bb',
};

function codePoint(value: number): string | undefined {
  return Number.isInteger(value) && value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff)
    ? String.fromCodePoint(value)
    : undefined;
}

/** Decodes the entities generated pages use; an unknown or broken one stays as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
    const hex = body[1] === 'x' || body[1] === 'X';
    return codePoint(parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10)) ?? whole;
  });
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1].toLowerCase();
    // The first occurrence wins, as in browsers.
    if (!(name in attributes)) attributes[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

export function scanHtml(html: string, visitor: HtmlVisitor): void {
  let last = 0;
  for (const match of html.matchAll(MARKUP)) {
    const at = match.index ?? 0;
    if (at > last) visitor.text(decodeEntities(html.slice(last, at)));
    last = at + match[0].length;
    if (match[3] === undefined) continue; // comment, doctype, script or style
    visitor.tag({ name: match[3].toLowerCase(), closing: match[2] === '/', attributes: parseAttributes(match[4]) });
  }
  if (last < html.length) visitor.text(decodeEntities(html.slice(last)));
}

/** The space-separated tokens of a class attribute. */
export function classesOf(tag: HtmlTag): string[] {
  return (tag.attributes.class ?? '').split(/\s+/).filter(Boolean);
}

export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
