/**
 * HTML character references in the text of Sugar's /help page: numeric ones and the named ones
 * such a page uses. The tokenizer's own decoder carries the whole HTML5 table (2,231 names, 32 KB
 * of the bundle) for what comes down to `&lt;module&gt;`; a name not in this table stays as
 * written, which is what a reader of a path or a summary sees anyway. One pass, linear.
 */
const NAMED: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™', hellip: '…',
  mdash: '—', ndash: '–', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•',
  middot: '·', times: '×', divide: '÷', deg: '°', rarr: '→', larr: '←', uarr: '↑', darr: '↓', harr: '↔',
  para: '¶', sect: '§', euro: '€', pound: '£', yen: '¥', cent: '¢', plusmn: '±', frac12: '½', shy: '\u00ad',
});

const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

function fromCodePoint(code: number, written: string): string {
  // Surrogates, beyond Unicode and NUL: the replacement character, as browsers do.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return Number.isFinite(code) ? String.fromCodePoint(code) : written;
}

export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (written, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (hex !== undefined) return fromCodePoint(parseInt(hex, 16), written);
    if (decimal !== undefined) return fromCodePoint(parseInt(decimal, 10), written);
    return NAMED[name as string] ?? written;
  });
}
