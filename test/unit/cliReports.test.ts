// The runner's pure parts: hostile texts in the terminal and the JUnit file, the search for
// request files and its bounds, the arguments.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError } from '../../src/cli/cliEnvironment';
import type { FileRun } from '../../src/cli/fileRun';
import { junitXml } from '../../src/cli/junitReport';
import { findRequestFiles, MAX_REQUEST_FILES } from '../../src/cli/requestFileSearch';
import { parseRunArguments } from '../../src/cli/runArguments';
import { terminalLine, xmlAttribute, xmlText } from '../../src/cli/safeText';
import { StderrLog } from '../../src/cli/stderrLog';
import { elements, parseXml } from '../support/xmlTree';

/** What XML 1.0 allows, as code points: anything else makes the file unreadable to a CI server. */
function allowedInXml(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!ok) return false;
  }
  return true;
}

const HOSTILE = 'a"b\'c<d>e&f\u001b[31mred\u0000nul\ud800lone\ufffe\tTab\nLine\r';

describe('cli reports and arguments', () => {
  it('escapes every character XML 1.0 forbids as visible text, and markup characters as entities', () => {
    assert.equal(xmlText('<a & b>'), '&lt;a &amp; b&gt;');
    assert.equal(xmlText('\u001b[0m\u0000\ud800\uffff'), '\\x1B[0m\\x00\\uD800\\uFFFF');
    assert.equal(xmlText('😀 é'), '😀 é');
    assert.equal(xmlAttribute('"x"\n\'y\'\t<z>&'), '&quot;x&quot;&#10;&apos;y&apos;&#9;&lt;z&gt;&amp;');
    assert.ok(allowedInXml(xmlText(HOSTILE)) && allowedInXml(xmlAttribute(HOSTILE)));
  });

  it('shows escape sequences, line breaks and bidirectional overrides in the terminal instead of acting on them', () => {
    assert.equal(terminalLine('ok \u001b[2J\u009b\n\u202egnp.exe'), 'ok \\x1B[2J\\x9B\\x0A\\u202Egnp.exe');
    assert.equal(terminalLine('x'.repeat(10), 4), 'xxxx…');
  });

  it('writes JUnit XML whose names, messages and actual values survive hostile text, redacted before anything is cut', () => {
    const secret = 'tok-0123456789-secret';
    const assertion = { line: 4, text: 'body name == "x"', subject: { kind: 'body', path: 'name' }, operator: '==', expected: 'x' } as const;
    const run: FileRun = {
      file: { path: '/w/a.sugar', display: `dir/${HOSTILE}.sugar` },
      timeMs: 12,
      skipReason: 'interrupted by SIGINT',
      outcomes: [
        { index: 0, name: HOSTILE, method: 'GET', path: '/me', line: 3, status: 200, timeMs: 5.4, passed: false, results: [{ assertion, passed: false, actual: `${'y'.repeat(600)}${secret}${HOSTILE}`, message: HOSTILE }] },
        { index: 1, name: 'not sent', method: 'GET', path: '/x', line: 7, passed: false, results: [], error: `refused ${secret}` },
        { index: 2, name: 'later', method: 'GET', path: '/y', line: 9, passed: false, results: [], skipped: true },
        { index: 3, name: 'fine', method: 'GET', path: '/z', line: 11, status: 200, timeMs: 1, passed: true, results: [{ assertion: { ...assertion, text: 'status == 200', subject: { kind: 'status' } }, passed: true, actual: '200', message: '' }] },
      ],
    };
    const xml = junitXml([run], 40, (text) => text.split(secret).join('•••'));
    assert.ok(allowedInXml(xml));
    assert.ok(!xml.includes(secret) && !xml.includes('tok-0123'));
    // Well-formed as far as markup goes: no raw < or & inside attribute values or text.
    assert.ok(!/="[^"]*[<]/.test(xml));
    assert.ok(!/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(xml));
    const [testsuite] = elements(elements(parseXml(xml), 'testsuites')[0], 'testsuite');
    assert.deepEqual(
      { tests: testsuite.attribs.tests, failures: testsuite.attribs.failures, errors: testsuite.attribs.errors, skipped: testsuite.attribs.skipped },
      { tests: '4', failures: '1', errors: '1', skipped: '1' },
    );
    const cases = elements(testsuite, 'testcase');
    assert.equal(cases[0].attribs.name, 'a"b\'c<d>e&f\\x1B[31mred\\x00nul\\uD800lone\\uFFFE\tTab\nLine\r');
    assert.equal(cases[0].attribs.line, '4');
    assert.equal(cases[0].attribs.time, '0.005');
    assert.deepEqual(cases.map((c) => ['failure', 'error', 'skipped'].filter((name) => elements(c, name).length === 1)), [['failure'], ['error'], ['skipped'], []]);
    assert.equal(elements(cases[2], 'skipped')[0].attribs.message, 'interrupted by SIGINT');
  });

  it('writes log lines (which carry servers\' messages) to stderr with terminal controls shown, not acted on, and secrets masked', () => {
    const lines: string[] = [];
    const log = new StderrLog(() => [['pw-canary-123']], { write: (line) => lines.push(line), level: 'info' });
    log.warn('The server said: \u001b]0;owned\u0007\u001b[2J\u202eexe.txt pw-canary-123\nsecond line');
    assert.equal(lines.length, 1);
    assert.ok(lines[0].endsWith('\n') && !lines[0].slice(0, -1).includes('\n'), JSON.stringify(lines[0]));
    assert.doesNotMatch(lines[0], /[\u001b\u0007\u202e]/);
    assert.match(lines[0], /^\[warn\] The server said: \\x1B\]0;owned\\x07\\x1B\[2J\\u202Eexe\.txt •+ ?\\x0Asecond line\n$/);
  });

  describe('finding request files', () => {
    let folder: string;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'sugar-find-'));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('searches folders recursively in name order, skips node_modules and .git, does not follow linked folders, lists a file once', async () => {
      for (const dir of ['b', 'a/deep', 'node_modules/pkg', '.git']) mkdirSync(join(folder, dir), { recursive: true });
      for (const file of ['b/2.sugar', 'a/deep/1.sugar', 'a/0.sugar', 'a/notes.txt', 'node_modules/pkg/x.sugar', '.git/y.sugar', 'top.sugar']) writeFileSync(join(folder, file), 'GET /me\n');
      symlinkSync(folder, join(folder, 'a', 'loop'), 'dir');
      const found = await findRequestFiles(['.', 'a/0.sugar'], folder);
      assert.deepEqual(found.map((file) => file.display), ['a/0.sugar', 'a/deep/1.sugar', 'b/2.sugar', 'top.sugar']);
    });

    it('reads a linked .sugar file found in a folder only when it points inside that folder (a checkout cannot make it read /proc/self/environ)', async () => {
      mkdirSync(join(folder, 'checks'));
      writeFileSync(join(folder, 'checks', 'a.sugar'), 'GET /me\n');
      writeFileSync(join(folder, 'outside.txt'), 'SECRET=x\n');
      symlinkSync(join(folder, 'checks', 'a.sugar'), join(folder, 'checks', 'b.sugar'));
      symlinkSync(join(folder, 'outside.txt'), join(folder, 'checks', 'c.sugar'));
      symlinkSync('/proc/self/environ', join(folder, 'checks', 'd.sugar'));
      assert.deepEqual((await findRequestFiles(['checks'], folder)).map((file) => file.display), ['checks/a.sugar', 'checks/b.sugar']);
      // Named on the command line, a file runs wherever it is: the caller chose it.
      assert.deepEqual((await findRequestFiles(['checks/c.sugar'], folder)).map((file) => file.display), ['checks/c.sugar']);
    });

    it('stops with a sentence past the file limit, and for a folder without request files', async () => {
      mkdirSync(join(folder, 'many'));
      for (let i = 0; i <= MAX_REQUEST_FILES; i++) writeFileSync(join(folder, 'many', `${i}.sugar`), '');
      await assert.rejects(findRequestFiles(['many'], folder), (error: unknown) => error instanceof CliUsageError && /More than 1000 request files/.test(error.message));
      mkdirSync(join(folder, 'empty'));
      await assert.rejects(findRequestFiles(['empty'], folder), /empty: no \.sugar files in this folder/);
    });
  });

  it('reads run arguments, and says in a sentence what is wrong with them', () => {
    assert.deepEqual(parseRunArguments(['a.sugar', '--reporter=junit', '--output', 'r.xml', '--insecure', '--', '--odd.sugar']), {
      paths: ['a.sugar', '--odd.sugar'],
      junitFile: 'r.xml',
      insecureTls: true,
      bail: false,
    });
    assert.throws(() => parseRunArguments(['a', '--reporter', 'html']), /Unknown reporter "html"/);
    assert.throws(() => parseRunArguments(['a', '--reporter', 'junit']), /needs --output FILE/);
    assert.throws(() => parseRunArguments(['a', '--output']), /--output needs a value/);
    assert.throws(() => parseRunArguments([]), /Name the \.sugar files or folders/);
  });
});
