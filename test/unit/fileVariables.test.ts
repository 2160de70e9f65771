/** `@name = value` lines in .sugar files: where they count, and the order in which variables fill a request. */
import assert from 'node:assert/strict';
import { parseFileVariables } from '../../src/core/explore/fileVariables';
import { parseRequestFile } from '../../src/core/explore/requestFile';
import { missingVariablesSentence, resolveRequest } from '../../src/core/explore/requestResolution';

const FILE = [
  '# Accounts',
  '@module = Accounts',
  '@max = 5',
  '',
  '### list',
  '@fields = name,industry',
  'GET /{{module}}?max_num={{max}}&fields={{fields}}',
  'X-Module: {{module}}',
  '',
  '### create',
  'POST /{{module}}',
  '',
  '{"name": "{{name}}", "parent": "{{id}}",',
  '@notAVariable = in a body',
  '"x": 1}',
].join('\n');

describe('file variables in .sugar files', () => {
  it('are read above request lines only, not from headers or bodies, and are not requests themselves', () => {
    assert.deepEqual([...parseFileVariables(FILE)], [['module', 'Accounts'], ['max', '5'], ['fields', 'name,industry']]);
    const requests = parseRequestFile(FILE);
    assert.deepEqual(requests.map((r) => [r.method, r.startLine]), [['GET', 6], ['POST', 10]]);
    assert.deepEqual(requests.flatMap((r) => r.errors), []);
    assert.deepEqual(parseRequestFile('@a = 1\n@b = 2\n'), [], 'a file of definitions has no request');
  });

  it('fill path, header values and body before the previous response does; what neither defines is listed', () => {
    const [list, create] = parseRequestFile(FILE);
    const variables = parseFileVariables(FILE);
    const resolved = resolveRequest(list, variables, { module: 'Contacts' });
    assert.equal(resolved.path, '/Accounts?max_num=5&fields=name,industry', 'the file wins over the response');
    assert.deepEqual(resolved.headers, { 'X-Module': 'Accounts' });
    const created = resolveRequest(create, variables, { id: 'abc' });
    assert.equal(created.body, '{"name": "{{name}}", "parent": "abc",\n@notAVariable = in a body\n"x": 1}');
    assert.deepEqual(created.missing, ['name']);
  });

  it('let a later definition win, and a value refer to the response', () => {
    const text = '@id = one\n@id = {{records.0.id}}\nGET /Accounts/{{id}}\n';
    const [request] = parseRequestFile(text);
    assert.equal(resolveRequest(request, parseFileVariables(text), { records: [{ id: 'r1' }] }).path, '/Accounts/r1');
  });

  it('list 100,000 distinct undefined names of a hostile body in one pass, and name a few of them in one short sentence', () => {
    const body = Array.from({ length: 100_000 }, (_, i) => `{{v${i}}}`).join(' ');
    const [request] = parseRequestFile(`POST /Accounts\nX-A: {{v1}}\n\n${body}`);
    const { missing } = resolveRequest(request, new Map(), undefined);
    assert.equal(missing.length, 100_000);
    assert.deepEqual(missing.slice(0, 3), ['v1', 'v0', 'v2']);
    const sentence = missingVariablesSentence(missing);
    assert.ok(sentence.length < 500, sentence.slice(0, 600));
    assert.match(sentence, /^Nothing defines \{\{v1\}\}, \{\{v0\}\}, .* and 99,99\d more: add a line "@v1 = value"/);
  });
});
