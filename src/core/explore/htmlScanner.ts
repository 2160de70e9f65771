/**
 * Tags and text of an HTML page, in order, from htmlparser2's tokenizer: a well-kept, forgiving,
 * linear-time lexer (raw text of <script>/<style>, comments, CDATA, unterminated tags and
 * quotes). Entities are decoded here (htmlEntities.ts), not by the tokenizer: its table is the
 * largest part of it, and the bundle leaves it out. Its `Parser` is deliberately not used: it keeps the open
 * elements in an array that it `unshift`s and searches on every tag, which is quadratic on a
 * hostile page of deeply nested or unmatched tags (3.9 s for 1 MB of `<div>`). The scanner builds
 * no tree, so unbalanced markup (real long help has some) cannot derail the reader either.
 * Comments, doctype, processing instructions and the raw text of <script>/<style> are skipped:
 * Sugar's help page has a script that mentions `#help_link_`, which must not look like a row.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { decodeHtmlEntities } from './htmlEntities';

export interface HtmlTag {
  /** Lower-case tag name. */
  name: string;
  closing: boolean;
  /** Lower-case attribute names, entity-decoded values ('' for a bare attribute); no prototype. */
  attributes: Record<string, string>;
}

export interface HtmlVisitor {
  tag(tag: HtmlTag): void;
  /** Entity-decoded text between tags, possibly in several pieces. */
  text(text: string): void;
}

const RAW_TEXT = new Set(['script', 'style']);
/** Attributes kept per tag (Sugar's help page uses at most five). */
const MAX_ATTRIBUTES = 32;
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/** Turns the tokenizer's offsets into tags and text for the visitor. */
class TokenEvents implements TokenizerCallbacks {
  private tagName = '';
  private attributes: Record<string, string> = NO_ATTRIBUTES;
  private attributeName = '';
  private attributeValue = '';
  private attributeCount = 0;
  /** Inside <script> or <style>: the tokenizer reports their content as text, which is not page text. */
  private inRawText = false;

  constructor(
    private readonly html: string,
    private readonly visitor: HtmlVisitor,
  ) {}

  onopentagname(start: number, end: number): void {
    this.tagName = this.html.slice(start, end).toLowerCase();
    this.attributes = NO_ATTRIBUTES;
  }

  onattribname(start: number, end: number): void {
    this.attributeName = this.html.slice(start, end).toLowerCase();
    this.attributeValue = '';
  }

  onattribdata(start: number, end: number): void {
    this.attributeValue += this.html.slice(start, end);
  }

  onattribentity(codePoint: number): void {
    this.attributeValue += String.fromCodePoint(codePoint);
  }

  onattribend(): void {
    // Most tags have none: the record is made for the first.
    if (this.attributes === NO_ATTRIBUTES) {
      this.attributes = Object.create(null) as Record<string, string>;
      this.attributeCount = 0;
    }
    // The first occurrence wins, as in browsers. A tag with a hundred thousand distinct
    // attributes would build an object of that size; the first few are all a page needs.
    if (this.attributeCount < MAX_ATTRIBUTES && !(this.attributeName in this.attributes)) {
      this.attributes[this.attributeName] = decodeHtmlEntities(this.attributeValue);
      this.attributeCount++;
    }
  }

  onopentagend(): void {
    this.openTag();
    // Only a real open tag starts raw text: the tokenizer does not treat `<script/>` as one.
    this.inRawText = RAW_TEXT.has(this.tagName);
  }

  onselfclosingtag(): void {
    this.openTag();
  }

  onclosetag(start: number, end: number): void {
    this.inRawText = false;
    this.visitor.tag({ name: this.html.slice(start, end).toLowerCase(), closing: true, attributes: NO_ATTRIBUTES });
  }

  ontext(start: number, end: number): void {
    if (!this.inRawText) this.visitor.text(decodeHtmlEntities(this.html.slice(start, end)));
  }

  ontextentity(codePoint: number): void {
    if (!this.inRawText) this.visitor.text(String.fromCodePoint(codePoint));
  }

  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}

  private openTag(): void {
    this.visitor.tag({ name: this.tagName, closing: false, attributes: this.attributes });
  }
}

/** Calls the visitor for every tag and text run of `html`, in order; linear in its length. */
export function scanHtml(html: string, visitor: HtmlVisitor): void {
  const tokenizer = new Tokenizer({ decodeEntities: false }, new TokenEvents(html, visitor));
  tokenizer.write(html);
  tokenizer.end();
}

/** The space-separated tokens of a class attribute. */
export function classesOf(tag: HtmlTag): readonly string[] {
  const value = tag.attributes.class;
  return value ? value.split(/\s+/).filter(Boolean) : NO_CLASSES;
}

const NO_CLASSES: readonly string[] = Object.freeze([]);

export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
