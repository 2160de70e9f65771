// Adds up test-output/results/*.json (one per suite) and prints the closing line CI reads.
const fs = require('node:fs');
const path = require('node:path');

const folder = path.join(__dirname, '..', 'test-output', 'results');
let passed = 0;
let failed = 0;
let skipped = 0;
const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.json')) : [];
for (const name of files) {
  const result = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
  passed += result.passed;
  failed += result.failed;
  skipped += result.pending ?? 0;
}
if (files.length === 0) failed = 1; // no suite reported: that is a failure, not a pass
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
