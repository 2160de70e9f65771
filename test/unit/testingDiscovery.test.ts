/** The Testing view's discovery: which .sugar files are tests, their items, and the bounds on reading them. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { decodeRequestFile, looksBinary, readRequestFile, requestLabel, requestTests, TEST_DISCOVERY_LIMITS } from '../../src/core/testing/testFiles';

const CHECKED = ['# @connection Dev', '### Who am I', 'GET /me', '?? status == 200', '', '###', 'GET /Accounts?max_num=1', '', '### Ping', 'GET /ping', '?? body == "pong"', ''].join('\n');

describe('Testing view: discovery', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sugar-testing-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every request of a file with assertions, by title or method and path, on its request line', () => {
    const tests = requestTests(CHECKED);
    assert.deepEqual(
      tests?.map(({ index, label, line }) => ({ index, label, line })),
      [
        { index: 0, label: 'Who am I', line: 2 },
        { index: 1, label: 'GET /Accounts?max_num=1', line: 6 },
        { index: 2, label: 'Ping', line: 9 },
      ],
    );
  });

  it('leaves out a file without assertions (a "??" inside a body is not one)', () => {
    assert.equal(requestTests('### Who am I\nGET /me\n'), undefined);
    assert.equal(requestTests('POST /Notes\nContent-Type: application/json\n\n{"name": "what??"}\n'), undefined);
    assert.equal(requestTests(''), undefined);
  });

  it('gives a renamed or moved request a new id (its old result does not stick to another request)', () => {
    const before = requestTests(CHECKED)!;
    const renamed = requestTests(CHECKED.replace('### Ping', '### Ping again'))!;
    assert.equal(renamed[0].id, before[0].id);
    assert.notEqual(renamed[2].id, before[2].id);
    const moved = requestTests(`### First\nGET /ping\n\n${CHECKED}`)!;
    assert.ok(!moved.some((test, k) => test.id === before[k]?.id), 'a shifted request kept the id of the one that was there');
  });

  it('bounds a label to one line of 200 characters', () => {
    const label = requestLabel(parseRequestFile(`### Long ${'x'.repeat(500)}\tand more\nGET /me`)[0]);
    assert.equal(label.length, TEST_DISCOVERY_LIMITS.maxLabelChars);
    assert.ok(label.endsWith('…'));
    assert.equal(requestLabel(parseRequestFile('GET /me')[0]), 'GET /me');
  });

  it('skips a binary file (a NUL in its first bytes) and one over the size cap', () => {
    assert.equal(looksBinary(Buffer.from('GET /me\n?? status == 200\n')), false);
    assert.equal(looksBinary(Buffer.from([0x47, 0x45, 0x54, 0x00, 0x20])), true);
    assert.deepEqual(decodeRequestFile(Buffer.from('GET /me\x00'), 100), { skipped: 'binary' });
    assert.deepEqual(decodeRequestFile(Buffer.alloc(101, 0x41), 100), { skipped: 'tooLarge' });
    assert.deepEqual(decodeRequestFile(Buffer.from('GET /me'), 100), { text: 'GET /me' });
  });

  it('reads a file over the cap no further than the cap: it is skipped, not read whole', async () => {
    const huge = join(dir, 'huge.sugar');
    // 5 MB of requests with assertions: a real test file, only too large.
    writeFileSync(huge, 'GET /me\n?? status == 200\n\n'.repeat(200_000));
    assert.deepEqual(await readRequestFile(huge), { skipped: 'tooLarge' });
    const small = join(dir, 'small.sugar');
    writeFileSync(small, CHECKED);
    assert.deepEqual(await readRequestFile(small), { text: CHECKED });
    // Larger than one piece of the read: read whole, in order.
    const several = join(dir, 'several.sugar');
    const text = Array.from({ length: 8000 }, (_, k) => `### Request ${k}\nGET /ping\n?? status == 200\n`).join('\n');
    writeFileSync(several, text);
    assert.ok(text.length > 3 * 64 * 1024);
    assert.deepEqual(await readRequestFile(several), { text });
    const exact = join(dir, 'exact.sugar');
    writeFileSync(exact, 'A'.repeat(64));
    assert.deepEqual(await readRequestFile(exact, 64), { text: 'A'.repeat(64) });
    assert.deepEqual(await readRequestFile(exact, 63), { skipped: 'tooLarge' });
  });
});
