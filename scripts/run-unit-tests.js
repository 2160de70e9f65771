// Runs the plain-Node mocha suites (out/test/unit/**/*.test.js) and records the totals in
// test-output/results/unit.json, where .ci/run adds up every suite's figures.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const root = path.join(__dirname, '..');
const folder = path.join(root, 'out', 'test', 'unit');
const grep = process.argv.indexOf('--grep');

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

const mocha = new Mocha({ timeout: 20000, reporter: 'spec', grep: grep > 0 ? process.argv[grep + 1] : undefined });
for (const file of testFiles(folder).sort()) mocha.addFile(file);
const runner = mocha.run((failures) => {
  const { passes, failures: failed, pending } = runner.stats;
  const results = path.join(root, 'test-output', 'results');
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(path.join(results, 'unit.json'), JSON.stringify({ suite: 'unit', passed: passes, failed, pending }));
  console.log(`unit: ${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures ? 1 : 0;
});
