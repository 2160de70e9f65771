// The /help scanner decodes character references itself (the tokenizer's 32 KB table is left out
// of the bundle): what a help page writes must still read as the page means it.
import * as assert from 'node:assert/strict';
import { decodeHtmlEntities } from '../../src/core/explore/htmlEntities';

describe('HTML character references in /help text', () => {
  it('decodes the named, decimal and hexadecimal references a page uses', () => {
    assert.equal(decodeHtmlEntities('/&lt;module&gt;/:record &amp; &quot;x&quot; &#39;y&#x27; &nbsp;&mdash;'), '/<module>/:record & "x" \'y\' \u00a0—');
  });

  it('keeps what it does not know, and never makes a surrogate or NUL', () => {
    assert.equal(decodeHtmlEntities('&unknownname; &amp &#0; &#xD800; &#x110000;'), '&unknownname; &amp \ufffd \ufffd \ufffd');
  });

  it('is one pass over hostile input (a megabyte of almost-references)', function () {
    this.timeout(5000);
    const text = '&#x1234567'.repeat(100_000) + '&'.repeat(100_000) + '&a'.repeat(100_000);
    assert.equal(decodeHtmlEntities(text), text);
  });
});
