// npm run package: packages the extension into a .vsix with vsce and prints its size and files.
//   node scripts/package.js [--out <file.vsix>]
// vsce runs the "vscode:prepublish" script first (npm run build -- --production), so dist/ is
// fresh. Flags: no dependency detection (esbuild bundles everything into dist/), no repository
// needed, and README's relative links (media/screenshot.png) left relative: VS Code shows an
// installed extension's README from its own folder, where media/ is.
// Fails when the package holds anything but dist/extension.js, dist/lazy.js, dist/undici.js,
// dist/httpsnippet.js, package.json,
// README, CHANGELOG, LICENSE, media/ (and syntaxes/, language-configuration.json).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { zipEntries } = require('./zipEntries');

const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const allowed = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/dist\/(extension|lazy|undici|httpsnippet)\.js$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/media\/[^/]+$/,
  /^extension\/syntaxes\/[^/]+$/,
  /^extension\/language-configuration\.json$/,
];

function main() {
  const out = path.resolve(option('--out') ?? path.join(root, `${manifest.name}-${manifest.version}.vsix`));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out];
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`vsce package failed (exit ${r.status})`);
    return 1;
  }
  const entries = zipEntries(out);
  const unexpected = entries.filter((e) => !allowed.some((re) => re.test(e.name)));
  for (const e of entries) console.log(`  ${e.name.padEnd(40)} ${(e.size / 1024).toFixed(1).padStart(8)} KB`);
  const size = fs.statSync(out).size;
  console.log(`${path.relative(process.cwd(), out) || out}: ${(size / 1024).toFixed(1)} KB (${size} bytes), ${entries.length} entries, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (unexpected.length) {
    console.error(`unexpected files in the package (fix .vscodeignore): ${unexpected.map((e) => e.name).join(', ')}`);
    return 1;
  }
  return 0;
}

try {
  process.exit(main());
} catch (e) {
  console.error(e.stack ?? e.message);
  process.exit(1);
}
