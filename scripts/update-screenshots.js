// Copies the README's pictures from the last host run's screenshots (test-output/host) into
// media/. Tests write only under test-output; the tracked pictures change only when a person
// runs this: `npm run test:host && npm run screenshots`.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const pictures = [
  ['sugar-sidebar.png', 'screenshot.png'],
  ['explorer-response.png', 'screenshot-explorer.png'],
  ['filter-builder.png', 'screenshot-filter.png'],
  ['completion.png', 'screenshot-completion.png'],
  ['modules.png', 'screenshot-modules.png'],
  ['filter-tree.png', 'screenshot-filter-tree.png'],
  ['assertions.png', 'screenshot-assertions.png'],
  ['testing.png', 'screenshot-testing.png'],
];
let missing = 0;
for (const [shot, readmeName] of pictures) {
  const from = path.join(root, 'test-output', 'host', shot);
  if (!fs.existsSync(from)) {
    console.error(`${path.relative(root, from)} is missing: run npm run test:host first`);
    missing++;
    continue;
  }
  fs.copyFileSync(from, path.join(root, 'media', readmeName));
  console.log(`media/${readmeName} ← ${path.relative(root, from)}`);
}
process.exitCode = missing ? 1 : 0;
