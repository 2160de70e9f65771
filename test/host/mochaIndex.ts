// The mocha index that runs INSIDE the VS Code extension host (the extensionTestsPath that
// runHostTests passes in). Loads <suite folder>/**/*.test.js with the BDD ui (describe/it).
// Suite folder: SUGAR_HOST_SUITE (absolute, or relative to the project root), default
// out/test/host/suite. Mocha comes from the project's node_modules.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';

/** This file compiles to out/test/host/mochaIndex.js. */
const projectRoot = path.resolve(__dirname, '..', '..', '..');

export function run(): Promise<void> {
  // Resolved from this file, i.e. the project's node_modules (not the host's).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require(require.resolve('mocha', { paths: [projectRoot] })) as typeof import('mocha');
  const suiteDir = path.resolve(projectRoot, process.env.SUGAR_HOST_SUITE || path.join('out', 'test', 'host', 'suite'));
  // The web workbench forwards the host's console as one string with the arguments joined,
  // format specifiers ("%d passing") left unapplied: hand it pre-formatted text.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.SUGAR_HOST_TEST_TIMEOUT_MS) || 60_000,
    grep: process.env.SUGAR_HOST_GREP || undefined,
  });

  return new Promise<void>((resolve, reject) => {
    let files: string[];
    try {
      files = testFiles(suiteDir);
    } catch (e) {
      reject(new Error(`cannot read the host suite folder ${suiteDir}: ${(e as Error).message}`));
      return;
    }
    if (files.length === 0) {
      reject(new Error(`no *.test.js files under ${suiteDir} (compile with: npx tsc -p tsconfig.test.json)`));
      return;
    }
    for (const f of files) mocha.addFile(f);
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} host test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}

function testFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(p);
    }
  };
  walk(dir);
  return found;
}
