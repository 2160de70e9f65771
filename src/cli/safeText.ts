/**
 * Texts from a server or a file, made safe for a terminal and for XML. A response value printed
 * as an assertion's actual value could otherwise move the cursor, recolour or clear a CI log
 * (escape sequences), reorder what a reader sees (bidirectional overrides), or make the JUnit
 * file unreadable (characters XML 1.0 forbids, which no escaping can carry).
 */

/** C0 and C1 controls, DEL, bidirectional embeddings, overrides and isolates. */
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Everything XML 1.0 does not allow (lone surrogates and U+FFFE/U+FFFF included). */
const XML_FORBIDDEN = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** `\x1B`, `\u202E`: the character named, visibly, instead of acting. */
function escapeChar(char: string): string {
  const code = char.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One line for a terminal, at most `max` characters (then an ellipsis): controls and line breaks shown escaped. */
export function terminalLine(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(TERMINAL_UNSAFE, escapeChar);
}

/** Text content of an XML element; forbidden characters appear escaped as text (`\x1B`). */
export function xmlText(text: string): string {
  return text.replace(XML_FORBIDDEN, escapeChar).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

const ATTRIBUTE_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** An attribute value in double quotes; tabs and line breaks as references, which parsers keep (they normalise raw ones to spaces). */
export function xmlAttribute(text: string): string {
  return text.replace(XML_FORBIDDEN, escapeChar).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ENTITIES[c]);
}

/**
 * A value as a person reads it: strings as they are, the rest as compact JSON; at most `max`
 * characters. Generous: callers redact it and only then cut it to what they show.
 */
export function describeValue(value: unknown, max = 100_000): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
