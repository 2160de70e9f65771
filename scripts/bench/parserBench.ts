// Figure 6 of the bench: every parser of outside text (server answers, request files, pasted
// URLs) on 1 MB of the input that made its old version quadratic (issue #10, C3), in this
// process, median of several runs after a warm-up. Each figure is judged against the budget;
// the old figures (from the issue, on a tenth of the size or less) are the baseline.
import { parseConnectionDirective } from '../../src/core/explore/connectionDirective';
import { parseFileVariables } from '../../src/core/explore/fileVariables';
import { curlToSugar } from '../../src/core/interchange/curlImport';
import { importCollection } from '../../src/core/interchange/postmanCollection';
import { parseHelpPage } from '../../src/core/explore/helpPage';
import { parseRequestFile, substituteVariables, variablesFromResponse } from '../../src/core/explore/requestFile';
import { renderResponse } from '../../src/core/explore/responseView';
import { explainForeignAnswer } from '../../src/core/sugar/explainAnswer';
import { normalizeInstanceUrl } from '../../src/core/sugar/instanceUrl';
import { median } from './stats';

const MB = 1024 * 1024;
const RUNS = 7;

/** `unit` repeated to 1 MB (or just under). */
const fill = (unit: string, bytes = MB): string => unit.repeat(Math.floor(bytes / unit.length));

export interface ParserCase {
  name: string;
  /** What the same parser took before, as issue #10 measured it. */
  before: string;
  chars: number;
  runsMs: number[];
  medianMs: number;
  /** Judged against the budget; depth figures are information. */
  judged: boolean;
}

interface Case {
  name: string;
  before: string;
  input: () => string;
  parse: (input: string) => unknown;
  judged?: false;
}

/** ` a0 a1 a2 …` to 1 MB: every name new, so a parser that keeps them all builds a huge object. */
function distinctAttributes(): string {
  const names: string[] = [];
  for (let i = 0, length = 0; length < MB; i++) {
    names.push(` a${i.toString(36)}`);
    length += names[names.length - 1].length;
  }
  return names.join('');
}

const DEPTH = 50_000;
const deepJson = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;

const CASES: Case[] = [
  { name: '/help page: unclosed <div', before: '22.7 s on 100 KB', input: () => fill('<div'), parse: parseHelpPage },
  { name: '/help page: <a repeated', before: '10.6 s on 100 KB', input: () => fill('<a'), parse: parseHelpPage },
  { name: '/help page: <script repeated', before: '6.8 s on 100 KB', input: () => fill('<script'), parse: parseHelpPage },
  { name: '/help page: nested <div> and unmatched </a>', before: "htmlparser2's Parser: 12.9 s", input: () => fill('<div>', MB / 2) + fill('</a>', MB / 2), parse: parseHelpPage },
  { name: '/help page: one tag with 1 MB of distinct attributes', before: 'the old scanner: about 160 ms', input: () => `<div${distinctAttributes()}>`, parse: parseHelpPage },
  { name: 'HTML error page: <title without >', before: '0.8 s on 96 KB', input: () => `<html>${fill('<title')}`, parse: (html) => explainForeignAnswer(502, 'text/html', html, { operation: 'request' }) },
  { name: 'instance URL: quotes around spaces', before: '2.5 s on 50,000 spaces', input: () => `"a${fill(' ', MB - 4)}b"`, parse: normalizeInstanceUrl },
  { name: '.sugar file: header lines', before: '1.8 s on 5,000 lines', input: () => `GET /ping\n${Array.from({ length: Math.floor(MB / 17) }, (_, i) => `X-H${i.toString(36).padStart(6, '0')}: value`).join('\n')}`, parse: parseRequestFile },
  { name: '.sugar file: a header value of spaces', before: '0.4 s on 20,000 spaces', input: () => `GET /ping\nX-A: a${fill(' ', MB - 20)}b`, parse: parseRequestFile },
  { name: '# @connection directive: spaces', before: '1 s on 20,000 spaces', input: () => `# @connection a${fill(' ', MB - 20)}b`, parse: parseConnectionDirective },
  {
    // The old CodeLens pass read upwards from every request to the top of the file.
    name: '# @connection: 1,900 requests, each under 60 comment lines',
    before: 'a scan to the top per request',
    input: () => `# @connection Prod\n${fill(`${'# a note\n'.repeat(60)}###\nGET /p\n`)}`,
    parse: parseRequestFile,
  },
  // Issue 13's parsers of outside text (files someone else wrote, pasted commands): new, so no "before".
  { name: '.sugar file: ?? assertion lines', before: '(new)', input: () => `GET /ping\n${fill('?? body records.0.name == "Acme"\n')}`, parse: parseRequestFile },
  { name: '.sugar file: one ?? line of path steps', before: '(new)', input: () => `GET /ping\n?? body ${fill('a.', MB - 40)}b == 1`, parse: parseRequestFile },
  { name: '.sugar file: @name = value lines', before: '(new)', input: () => fill('@name_of_a_variable = some value\n'), parse: parseFileVariables },
  { name: 'pasted curl: quoted header words', before: '(new)', input: () => `curl 'http://x/rest/v11/Accounts' ${fill(`-H 'X-A: b c' `, MB - 64)}`, parse: curlToSugar },
  { name: 'pasted curl: an unclosed quote of escapes', before: '(new)', input: () => `curl "http://x/${fill('\\"a', MB - 64)}`, parse: (text) => tryParse(() => curlToSugar(text)) },
  { name: 'Postman collection: requests in one folder', before: '(new)', input: postmanRequests, parse: (text) => tryParse(() => importCollection(text)) },
  { name: 'Postman collection: folders nested 100,000 deep', before: '(new)', input: postmanNesting, parse: (text) => tryParse(() => importCollection(text)) },
  {
    name: `response tab: ${DEPTH.toLocaleString('en')}-level JSON (information)`,
    before: 'threw: call stack size',
    input: () => deepJson,
    parse: (text) => renderResponse({ status: 200, headers: {}, json: JSON.parse(text), isJson: true, text, sizeBytes: text.length, timeMs: 0 }, { method: 'GET', url: 'http://x/', sessionLabel: 'bench' }),
    judged: false,
  },
  {
    name: `{{response}} of ${DEPTH.toLocaleString('en')}-level JSON (information)`,
    before: 'threw: call stack size',
    input: () => deepJson,
    parse: (text) => substituteVariables('{{response}}', variablesFromResponse(JSON.parse(text))),
    judged: false,
  },
];

/** A parser that refuses its input (with a sentence) has still read it: that is what is timed. */
function tryParse(parse: () => unknown): unknown {
  try {
    return parse();
  } catch (error) {
    return error;
  }
}

const POSTMAN_HEAD = '{"info":{"name":"Bench","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[';

/** 1 MB of a collection: one folder of requests in the style of Sugar's own (more than an import takes). */
function postmanRequests(): string {
  const request = '{"name":"List","request":{"method":"GET","header":[{"key":"OAuth-Token","value":"{{access_token}}"}],"url":{"raw":"{{url}}/rest/v11_1/Accounts?max_num=5"}}}';
  const count = Math.floor((MB - 200) / (request.length + 1));
  return `${POSTMAN_HEAD}{"name":"Accounts","item":[${Array(count).fill(request).join(',')}]}]}`;
}

/** Folders inside folders, 100,000 deep (JSON.parse copes; a recursive walk would not). */
function postmanNesting(): string {
  const depth = 100_000;
  return `${POSTMAN_HEAD}${'{"name":"f","item":['.repeat(depth)}${']}'.repeat(depth)}]}`;
}

export function parserBench(): ParserCase[] {
  return CASES.map((c) => {
    const input = c.input();
    c.parse(input); // warm-up: compiled code, not the first call's
    const runsMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      c.parse(input);
      runsMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return { name: c.name, before: c.before, chars: input.length, runsMs, medianMs: median(runsMs), judged: c.judged !== false };
  });
}

/** Rows of the bench table (index.ts's Line), one per case. */
export function parserLines(cases: ParserCase[], budgetMs: number) {
  return cases.map((c) => ({
    id: '6',
    figure: `parser: ${c.name}, ${(c.chars / 1024).toFixed(0)} K characters, median of ${RUNS}`,
    value: `${c.medianMs.toFixed(1)} ms`,
    baseline: `before: ${c.before}`,
    ratio: '',
    budget: c.judged ? `≤ ${budgetMs} ms` : '',
    ok: c.judged ? c.medianMs <= budgetMs : undefined,
    details: [`runs: ${c.runsMs.map((v) => v.toFixed(1)).join(', ')} ms`],
  }));
}
