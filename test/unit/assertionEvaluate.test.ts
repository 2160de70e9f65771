/** Evaluating `??` assertions against answers: every operator, paths and lengths, and hostile answers. */
import assert from 'node:assert/strict';
import type { Assertion } from '../../src/core/checks/assertion';
import { parseAssertion } from '../../src/core/checks/assertionSyntax';
import { assertionLines, outcomeLabel, resultLabel, runSummary } from '../../src/core/checks/resultText';
import { renderResponse } from '../../src/core/explore/responseView';
import { ACTUAL_LIMIT_CHARS, type CheckedResponse, evaluateAssertions, MASKED, MATCH_LIMIT_CHARS } from '../../src/core/checks/evaluate';

const answer: CheckedResponse = {
  status: 200,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': '120', 'Set-Cookie': 'PHPSESSID=s3cr3tcookie', 'OAuth-Token': 'tok-123456' },
  json: {
    next_offset: -1,
    records: [
      { id: 'a1', name: 'Acme', email: 'info@acme.example', tags: ['x', 'y'], deleted: false, parent: null },
      { id: 'b2', name: 'Beta', email: 'nobody' },
    ],
    ruler: { length: 7 },
    map: { a: 1, b: 2 },
    access_token: 'eyJhbGciOiJIUzI1NiJ9.secret',
  },
  text: '(the JSON above)',
  timeMs: 123.4,
};

function assertion(line: string): Assertion {
  const parsed = parseAssertion(`?? ${line}`, 3);
  assert.equal(parsed.error, undefined, `${line}: ${parsed.error}`);
  return parsed.assertion!;
}

function run(lines: string[], response: CheckedResponse = answer) {
  return evaluateAssertions(lines.map(assertion), response);
}

function outcome(line: string, response: CheckedResponse = answer): { passed: boolean; actual: string; message: string } {
  const [{ passed, actual, message }] = run([line], response);
  return { passed, actual, message };
}

describe('evaluating assertions', () => {
  it('passes and fails each operator as documented', () => {
    const passing = [
      'status == 200', 'status != 404', 'status == "200"', 'status >= 200', 'status < 300',
      'duration < 2000', 'duration >= 0',
      'header content-type contains json', 'header CONTENT-TYPE matches ^application/json', 'header content-length == 120', 'header content-length > 100',
      'header x-missing !exists', 'header content-type exists',
      'body next_offset == -1', 'body records.length > 0', 'body records.length == 2', 'body records.0.name exists',
      'body records.1.name == Beta', 'body records.0.name == "Acme"', 'body records.0.tags == ["x", "y"]', 'body records.0.tags contains "y"',
      'body records.0.tags !contains z', 'body records.0.deleted == false', 'body records.0.parent == null', 'body records.0.parent exists',
      'body records.0.email matches ^[^@]+@', 'body records.1.email !matches @', 'body records.2 !exists', 'body records.0.name.length == 4',
      'body ruler.length == 7', 'body map.length == 2', 'body map contains a', 'body records[1].id == b2', 'body contains next_offset',
      'body records.0.name != Beta', 'body records.0.name not contains z', 'body records.0.name > "Aa"',
    ];
    for (const line of passing) assert.equal(outcome(line).passed, true, `${line}: ${outcome(line).message}`);
    const failing = [
      'status == 404', 'status != 200', 'duration > 100000', 'header content-type contains xml', 'header x-missing exists',
      'header x-missing == 1', 'body records.length == 0', 'body records.5.name exists', 'body next_offset == "x"', 'body records.0.name matches ^B',
      'body records.0.tags contains z', 'body records.0.name > 5', 'body records.0.parent != null', 'body missing.length > 0', 'body records.x exists',
    ];
    for (const line of failing) assert.equal(outcome(line).passed, false, `${line} should fail`);
  });

  it('says what it expected and what it got, in one sentence', () => {
    assert.deepEqual(outcome('status == 404'), { passed: false, actual: '200', message: 'expected status == 404, was 200' });
    assert.deepEqual(outcome('status == 200'), { passed: true, actual: '200', message: 'status == 200: passed, was 200' });
    assert.deepEqual(outcome('body records.5.name exists'), { passed: false, actual: 'missing', message: 'expected body records.5.name exists, was missing' });
    assert.equal(outcome('body records.0.name == Beta').actual, '"Acme"');
    assert.equal(outcome('duration < 1').actual, '123');
    assert.equal(outcome('body records.0.tags contains z').actual, '["x","y"]');
  });

  it('reads the body as text when the answer is not JSON', () => {
    const text: CheckedResponse = { status: 200, headers: {}, text: '<html>hello</html>', timeMs: 1 };
    assert.equal(outcome('body contains hello', text).passed, true);
    assert.equal(outcome('body matches ^<html>', text).passed, true);
    const path = outcome('body records.length > 0', text);
    assert.deepEqual([path.passed, path.actual], [false, 'missing']);
  });

  it('never shows the value of a token header or credential field, whether it passes or fails', () => {
    const results = run([
      'header set-cookie contains PHPSESSID', 'header Set-Cookie == other', 'header oauth-token exists', 'header OAuth-Token matches ^tok',
      'body access_token exists', 'body access_token == nope',
    ]);
    assert.deepEqual(results.map((result) => result.passed), [true, false, true, true, true, false]);
    for (const result of results) {
      assert.equal(result.actual, MASKED, result.message);
      assert.doesNotMatch(result.message, /s3cr3t|tok-123|eyJ/);
    }
    // The whole body holds a credential field: its value is masked in the glimpse too.
    const whole = outcome('body == 1');
    assert.doesNotMatch(whole.actual, /eyJ/);
    assert.doesNotMatch(whole.message, /eyJ/);
  });

  it('cuts long actual values short', () => {
    const long: CheckedResponse = { status: 200, headers: {}, json: { name: 'n'.repeat(1_000_000), list: Array.from({ length: 100_000 }, (_, i) => i) }, text: '', timeMs: 1 };
    const [name, list, whole] = run(['body name == x', 'body list == 1', 'body == 1'], long);
    for (const result of [name, list, whole]) {
      assert.ok(result.actual.length <= ACTUAL_LIMIT_CHARS, `${result.actual.length}`);
      assert.ok(result.actual.endsWith('…'));
    }
    assert.ok(list.actual.startsWith('[0,1,2,'));
  });

  it('applies a pattern to the first 64 KB of a value only', () => {
    const huge: CheckedResponse = { status: 200, headers: {}, json: { text: `${'a'.repeat(MATCH_LIMIT_CHARS)}TAIL` }, text: '', timeMs: 1 };
    assert.equal(outcome('body text matches TAIL', huge).passed, false);
    assert.equal(outcome('body text matches ^a+$', huge).passed, true);
    // The same value, short enough: the tail is read.
    assert.equal(outcome('body text matches TAIL', { ...huge, json: { text: 'aaaTAIL' } }).passed, true);
  });

  it('stops a pattern that backtracks without end, and fails the assertion saying so (matches and !matches alike)', () => {
    // ^(a+)+$ on 28 a's and a '!' takes about a second (each a more doubles it); the match is stopped.
    const evil: CheckedResponse = { status: 200, headers: {}, json: { name: `${'a'.repeat(28)}!` }, text: '', timeMs: 1 };
    for (const line of ['body name matches ^(a+)+$', 'body name !matches ^(a+)+$', 'body name !matches ^(a|a)*$']) {
      const result = outcome(line, evil);
      assert.equal(result.passed, false, line);
      assert.match(result.message, /the pattern ran longer than 100 ms and was stopped/);
      assert.match(result.actual, /the pattern was stopped after 100 ms/);
    }
    // The next match (the shared context) still works.
    assert.equal(outcome('body text matches ^a', { ...evil, json: { text: 'abc' } }).passed, true);
  });

  it('survives a deeply nested answer', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const nested: CheckedResponse = { status: 200, headers: {}, json: { deep }, text: '', timeMs: 1 };
    const [equal, shown, pattern] = run(['body deep == [[1]]', 'body deep.0.0.0 exists', 'body deep matches bottom'], nested);
    assert.equal(equal.passed, false);
    assert.equal(shown.passed, true);
    assert.ok(shown.actual.length <= ACTUAL_LIMIT_CHARS);
    assert.equal(pattern.passed, false);
  });
});

describe('assertion results as shown', () => {
  it('beside the lines, above the response body, and after a run', () => {
    const results = run(['status == 200', 'body records.5.name exists', 'header oauth-token == x']);
    assert.deepEqual(results.map(resultLabel), ['✓ passed', '✗ body records.5.name was missing', `✗ header oauth-token was ${MASKED}`]);
    assert.deepEqual(assertionLines(results), [
      'Assertions: 2 of 3 failed',
      '✓ status == 200',
      '✗ expected body records.5.name exists, was missing',
      `✗ expected header oauth-token == x, was ${MASKED}`,
    ]);
    const response = { status: 200, headers: { 'content-type': 'application/json' }, json: { a: 1 }, isJson: true, text: '{"a":1}', sizeBytes: 7, timeMs: 3 };
    const rendered = renderResponse(response, { method: 'GET', url: 'https://x/rest/v11/a', sessionLabel: 'admin @ X', checks: assertionLines(results) });
    const lines = rendered.text.split('\n');
    assert.deepEqual(lines.slice(2, 7), ['//', '// Assertions: 2 of 3 failed', '// ✓ status == 200', '// ✗ expected body records.5.name exists, was missing', `// ✗ expected header oauth-token == x, was ${MASKED}`]);
    assert.ok(lines.indexOf('{') > 7);
    const base = { index: 0, name: 'n', method: 'GET', path: '/p', line: 1, results: [] };
    assert.equal(outcomeLabel({ ...base, passed: true, status: 200, results }), '✗ 2 of 3 failed · 200');
    assert.equal(outcomeLabel({ ...base, passed: false, status: 404 }), '✗ failed · 404 (no assertions: a test without them needs an answer below 400)');
    assert.equal(outcomeLabel({ ...base, passed: false, skipped: true }), '○ skipped (the run was cancelled)');
    assert.equal(outcomeLabel({ ...base, passed: false, error: 'No method.' }), '✗ not sent: No method.');
    assert.equal(runSummary([{ ...base, passed: true }, { ...base, passed: false }, { ...base, passed: false, skipped: true }]), '1 of 2 requests passed, 1 skipped (cancelled)');
  });
});
