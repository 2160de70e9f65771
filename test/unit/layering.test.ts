import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (text: string): string[] =>
  [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]);

describe('layers', () => {
  const core = sourcesUnder(join(root, 'src', 'core'));

  it('finds the core sources (the guard itself can fail)', () => {
    assert.ok(core.length >= 10, `only ${core.length} core files found`);
    assert.deepEqual(importsOf(`import * as vscode from 'vscode';`), ['vscode']);
  });

  it('the core never imports vscode, the VS Code layer or the composition root', () => {
    const offenders: string[] = [];
    for (const file of core) {
      for (const target of importsOf(readFileSync(file, 'utf8'))) {
        if (target === 'vscode' || /(^|\/)vscode\//.test(target) || /(^|\/)extension$/.test(target)) {
          offenders.push(`${relative(root, file)} imports ${target}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('the core depends on nothing but node built-ins, its packages and itself', () => {
    // undici: the HTTP stack; htmlparser2: the /help scanner's tokenizer; jsonc-parser: positions
    // in .sugar request bodies (IntelliSense); httpsnippet-lite: Export Request's code generator.
    const packages = new Set(['undici', 'htmlparser2', 'jsonc-parser', 'httpsnippet-lite']);
    const offenders: string[] = [];
    for (const file of core) {
      for (const target of importsOf(readFileSync(file, 'utf8'))) {
        if (!target.startsWith('.') && !target.startsWith('node:') && !packages.has(target)) offenders.push(`${relative(root, file)} imports ${target}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
