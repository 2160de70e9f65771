/** `??` assertion lines in `.sugar` files: every subject and operator, the errors' sentences, and where the lines may sit. */
import assert from 'node:assert/strict';
import { MAX_ASSERTION_LINE, MAX_ASSERTIONS_PER_REQUEST, parseAssertion } from '../../src/core/checks/assertionSyntax';
import { assertionCompletions } from '../../src/core/checks/assertionCompletion';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { bodyOf, layoutOf } from '../../src/core/schema/sugarCursor';

function parsed(line: string) {
  const result = parseAssertion(line, 7);
  assert.equal(result.error, undefined, `"${line}": ${result.error}`);
  const { line: at, text, subject, operator, expected } = result.assertion!;
  assert.equal(at, 7);
  return { text, subject, operator, expected };
}

function error(line: string): string {
  const result = parseAssertion(line, 0);
  assert.ok(result.error, `"${line}" should be refused`);
  return result.error;
}

describe('assertion syntax', () => {
  it('reads every subject', () => {
    assert.deepEqual(parsed('?? status == 200').subject, { kind: 'status' });
    assert.deepEqual(parsed('??   Status == 200').subject, { kind: 'status' });
    assert.deepEqual(parsed('?? duration < 2000').subject, { kind: 'duration' });
    assert.deepEqual(parsed('?? header Content-Type contains json').subject, { kind: 'header', name: 'Content-Type' });
    assert.deepEqual(parsed('?? body records.length > 0').subject, { kind: 'body', path: 'records.length' });
    assert.deepEqual(parsed('?? body records[0].name exists').subject, { kind: 'body', path: 'records.0.name' });
    assert.deepEqual(parsed('?? body == "pong"').subject, { kind: 'body', path: '' });
    assert.deepEqual(parsed('?? body contains pong').subject, { kind: 'body', path: '' });
  });

  it('reads every operator, with not as !', () => {
    const cases: Array<[string, string, unknown]> = [
      ['?? status == 200', '==', 200],
      ['?? status != 404', '!=', 404],
      ['?? body records.length > 0', '>', 0],
      ['?? body records.length >= 1', '>=', 1],
      ['?? duration < 2000', '<', 2000],
      ['?? duration <= 2000.5', '<=', 2000.5],
      ['?? header content-type contains json', 'contains', 'json'],
      ['?? body name !contains test', '!contains', 'test'],
      ['?? body name not contains test', '!contains', 'test'],
      ['?? body records.0.name exists', 'exists', undefined],
      ['?? body error !exists', '!exists', undefined],
      ['?? body error not exists', '!exists', undefined],
      ['?? body records.0.email matches ^[^@]+@', 'matches', '^[^@]+@'],
      ['?? body name !matches ^x', '!matches', '^x'],
      ['?? body name NOT MATCHES ^x', '!matches', '^x'],
    ];
    for (const [line, operator, expected] of cases) {
      const assertion = parsed(line);
      assert.equal(assertion.operator, operator, line);
      assert.deepEqual(assertion.expected, expected, line);
    }
  });

  it('takes a JSON literal when the value is one, else the bare text', () => {
    assert.equal(parsed('?? body next_offset == -1').expected, -1);
    assert.equal(parsed('?? body deleted == true').expected, true);
    assert.equal(parsed('?? body parent == null').expected, null);
    assert.equal(parsed('?? body name == "Acme Inc"').expected, 'Acme Inc');
    assert.deepEqual(parsed('?? body tags == ["a", 1]').expected, ['a', 1]);
    assert.deepEqual(parsed('?? body == {"a": {"b": 2}}').expected, { a: { b: 2 } });
    assert.equal(parsed('?? body name == Acme Inc').expected, 'Acme Inc');
    assert.equal(parsed('?? body name == "unterminated').expected, '"unterminated');
    assert.equal(parsed('?? body name == 12abc').expected, '12abc');
    assert.equal(parsed('?? body name == trueish').expected, 'trueish');
    assert.equal(parsed('?? status == 200').text, 'status == 200');
  });

  it('compiles a pattern once, with flags in /…/ form, and refuses an invalid one', () => {
    const slashed = parseAssertion('?? body name matches /^acme/i', 0).assertion!;
    assert.ok(slashed.pattern?.test('ACME corp'));
    const bare = parseAssertion('?? body path matches /Accounts/x', 0).assertion!;
    assert.equal(bare.pattern?.source, '\\/Accounts\\/x');
    assert.match(error('?? body name matches ([a-z'), /^The regular expression is not valid \(.*\): correct it/);
    // Stateful flags are not flags here: the whole text is the pattern.
    assert.equal(parseAssertion('?? body name matches /a/g', 0).assertion!.pattern?.flags, '');
  });

  it('says what is expected for each malformed line', () => {
    assert.equal(error('??'), 'An empty assertion: write a subject, an operator and a value after "??", e.g. "?? status == 200".');
    assert.equal(error('?? code == 200'), 'Unknown subject "code": start with status, header <name>, duration or body <path>, e.g. "?? status == 200".');
    assert.equal(
      error('?? status==200'),
      'Unknown subject "status==200": start with status, header <name>, duration or body <path>, e.g. "?? status == 200".',
    );
    assert.equal(
      error('?? status is 200'),
      'After "status" comes an operator (==, !=, >, >=, <, <=, contains, !contains, exists, !exists, matches or !matches) with spaces around it, e.g. "?? status == 200".',
    );
    assert.match(error('?? body records.length'), /^After "body records.length" comes an operator/);
    assert.equal(error('?? header == 3'), '"header" needs a header name before the operator, e.g. "?? header content-type contains json".');
    assert.equal(error('?? status =='), '"==" needs a value after it, e.g. "?? status == 200".');
    assert.equal(error('?? body id exists 3'), '"exists" takes no value after it: write e.g. "?? body records.0.id exists".');
    assert.equal(error('?? duration < {"a": 1}'), '"<" compares numbers (or texts): write a number after it, e.g. "?? duration < 2000".');
    assert.equal(error('?? body x not equals 3'), '"not" goes with contains, exists or matches, e.g. "?? body records not contains null".');
    assert.equal(error('?? body records..name exists'), 'The body path "records..name" has an empty step: separate keys and array indexes with single dots, e.g. "body records.0.name".');
    assert.equal(error(`?? body name == "${'x'.repeat(MAX_ASSERTION_LINE)}"`), `This assertion is longer than ${MAX_ASSERTION_LINE} characters: shorten it (compare a shorter part of the value, or use a shorter pattern).`);
  });

  it('refuses a comparison with a non-number non-text value', () => {
    assert.equal(error('?? body records.length > [1]'), '">" compares numbers (or texts): write a number after it, e.g. "?? duration < 2000".');
    // A text compares as text (dates in Sugar's ISO form sort as text).
    assert.equal(parsed('?? body date_modified > "2024-01-01"').expected, '2024-01-01');
  });
});

describe('assertion lines in request files', () => {
  it('are read after the request line, the query continuation, the headers and the body, and are part of none of them', () => {
    const text = [
      '### Create',
      'POST /Accounts',
      '    ?fields=name',
      '?? status == 200',
      'Content-Type: application/json',
      '?? header content-type contains json',
      '',
      '{',
      '  "name": "Acme"',
      '?? body name == "Acme"',
      '}',
      '',
      '?? body id exists',
      '# a note',
      '?? duration < 5000',
      '',
      '### Next',
      'GET /ping',
      '?? body == "pong"',
    ].join('\n');
    const [create, ping] = parseRequestFile(text);
    assert.deepEqual(create.errors, []);
    assert.equal(create.path, '/Accounts?fields=name');
    assert.deepEqual(create.headers, { 'Content-Type': 'application/json' });
    assert.equal(create.body, '{\n  "name": "Acme"\n}');
    assert.deepEqual(create.assertions.map((a) => [a.line, a.text]), [
      [3, 'status == 200'],
      [5, 'header content-type contains json'],
      [9, 'body name == "Acme"'],
      [12, 'body id exists'],
      [14, 'duration < 5000'],
    ]);
    assert.equal(create.endLine, 14);
    assert.deepEqual(ping.assertions.map((a) => [a.line, a.text]), [[18, 'body == "pong"']]);
  });

  it('makes a malformed assertion an error on its line, so the request is not sent', () => {
    const [request] = parseRequestFile('GET /ping\n?? status = 200\n?? status == 200');
    assert.deepEqual(request.problems, [
      { line: 1, severity: 'error', message: 'After "status" comes an operator (==, !=, >, >=, <, <=, contains, !contains, exists, !exists, matches or !matches) with spaces around it, e.g. "?? status == 200".' },
    ]);
    assert.equal(request.assertions.length, 1);
  });

  it('refuses an assertion above its request line', () => {
    const [request] = parseRequestFile('###\n?? status == 200\nGET /ping');
    assert.deepEqual(request.problems, [{ line: 1, severity: 'error', message: 'This assertion is above its request line: put ?? lines after the request they check.' }]);
    assert.deepEqual([request.method, request.path, request.assertions], ['GET', '/ping', []]);
  });

  it('bounds the assertions of one request', () => {
    const lines = ['GET /ping', ...Array.from({ length: MAX_ASSERTIONS_PER_REQUEST + 50 }, () => '?? status == 200')];
    const [request] = parseRequestFile(lines.join('\n'));
    assert.equal(request.assertions.length, MAX_ASSERTIONS_PER_REQUEST);
    assert.deepEqual(request.problems, [
      { line: MAX_ASSERTIONS_PER_REQUEST + 1, severity: 'error', message: `More than ${MAX_ASSERTIONS_PER_REQUEST} assertions on one request: split it into several requests.` },
    ]);
  });

  it('refuses a megabyte-long assertion line with the length sentence, and still reads the file', () => {
    const [request] = parseRequestFile(`GET /ping\n?? body ${'('.repeat(1_000_000)} matches ${'(a+)+'.repeat(10)}\n?? status == 200`);
    assert.equal(request.problems.length, 1);
    assert.match(request.problems[0].message, /^This assertion is longer than/);
    assert.equal(request.assertions.length, 1);
  });
});

describe('assertion lines in the editor', () => {
  const labels = (line: string, character = line.length) => assertionCompletions(line, 4, character)?.items.map((item) => item.label);

  it('completes subjects after ?? and operators after the subject, its name or its path', () => {
    assert.deepEqual(labels('?? '), ['status', 'header', 'duration', 'body']);
    assert.deepEqual(labels('?? bo'), ['status', 'header', 'duration', 'body']);
    assert.equal(assertionCompletions('??', 4, 2)?.items[0].insertText, ' status');
    assert.deepEqual(assertionCompletions('?? st', 4, 5)?.range, { start: { line: 4, character: 3 }, end: { line: 4, character: 5 } });
    const operators = ['==', '!=', '>', '>=', '<', '<=', 'contains', '!contains', 'exists', '!exists', 'matches', '!matches'];
    assert.deepEqual(labels('?? status '), operators);
    assert.deepEqual(labels('?? header content-type '), operators);
    assert.deepEqual(labels('?? body records.length '), operators);
    assert.deepEqual(labels('?? body '), operators, 'body alone is the whole body');
    assert.equal(labels('?? header '), undefined, 'a header name comes first');
    assert.equal(labels('?? status == '), undefined);
    assert.equal(labels('GET /ping?'), undefined);
  });

  it('keeps ?? lines out of the query, the body and the schema warnings of IntelliSense', () => {
    const lines = ['POST /Accounts', '?? status == 200', 'Content-Type: application/json', '', '{"name": "x"}', '?? body id exists'];
    const layout = layoutOf(lines, 0, 5);
    assert.deepEqual(layout, { startLine: 0, queryEnd: 1, bodyLine: 4, endLine: 5 });
    const body = bodyOf(lines, 4, 5);
    assert.equal(body.text.trim(), '{"name": "x"}');
    assert.deepEqual(body.positionOf(body.text.length - 1), { line: 5, character: 16 });
  });
});
