// Bundles the extension into dist/, in three files so that activation loads only what it needs:
// - dist/extension.js: what activation runs (tree, status bar, session engine, command stubs);
// - dist/lazy.js: what the first command or request needs (client, explanations, command bodies,
//   the connection wizard, the parsers), required by src/lazyLoader.ts;
// - dist/undici.js: the HTTP stack, required on the first request.
const path = require('node:path');
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Points `require('undici')` in the extension bundle at the separate dist/undici.js. */
const undiciAsSeparateFile = {
  name: 'undici-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/** The extension bundle's `require('./lazy')` goes to the separate dist/lazy.js. */
const lazyAsSeparateFile = {
  name: 'lazy-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^\.\/lazy$/ }, () => ({ path: './lazy.js', external: true }));
  },
};

/**
 * Modules whose classes or state must exist once: dist/lazy.js takes them from the running
 * dist/extension.js through the registry that src/lazyLoader.ts fills before requiring lazy.js.
 */
const SHARED = { errors: 'src/core/sugar/errors.ts', nodes: 'src/vscode/tree/nodes.ts', commandRunner: 'src/vscode/commands/commandRunner.ts' };
const sharedFromExtension = {
  name: 'shared-from-extension',
  setup(build) {
    const byFile = new Map(Object.entries(SHARED).map(([name, file]) => [path.resolve(__dirname, file), name]));
    build.onResolve({ filter: /^\./ }, (args) => {
      const name = byFile.get(`${path.resolve(args.resolveDir, args.path)}.ts`);
      return name ? { path: name, namespace: 'shared-module' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
      contents: `module.exports = globalThis[Symbol.for('sugar-rest-explorer.shared-modules')].${args.path};`,
      loader: 'js',
    }));
  },
};

/**
 * src/core/explore/htmlScanner.ts uses htmlparser2's Tokenizer only; the package's index would also
 * bring domutils, dom-serializer and a second copy of entities (about 80 KB more in dist/lazy.js).
 */
const htmlTokenizerOnly = {
  name: 'html-tokenizer-only',
  setup(build) {
    const tokenizer = path.resolve(path.dirname(require.resolve('htmlparser2')), '..', 'esm', 'Tokenizer.js');
    build.onResolve({ filter: /^htmlparser2$/ }, () => ({ path: 'htmlparser2', namespace: 'html-tokenizer' }));
    build.onLoad({ filter: /.*/, namespace: 'html-tokenizer' }, () => ({
      contents: `export { default as Tokenizer } from ${JSON.stringify(tokenizer)};`,
      resolveDir: path.dirname(tokenizer),
      loader: 'js',
    }));
  },
};

/**
 * One require('vscode') per bundle instead of one per module: each goes through VS Code's module
 * interceptor, which costs up to milliseconds at activation.
 */
const oneVscodeRequire = {
  name: 'one-vscode-require',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-shim' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-shim' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-shim' }, () => ({ contents: 'module.exports = require("vscode");', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

async function main() {
  const builds = [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [oneVscodeRequire, undiciAsSeparateFile, lazyAsSeparateFile] },
    { ...common, entryPoints: ['src/lazy.ts'], outfile: 'dist/lazy.js', plugins: [oneVscodeRequire, undiciAsSeparateFile, sharedFromExtension, htmlTokenizerOnly] },
    { ...common, entryPoints: ['undici'], outfile: 'dist/undici.js' },
  ];
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: true })));
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`${file}  ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
