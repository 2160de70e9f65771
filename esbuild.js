// Bundles the extension into dist/, in three files so that activation loads only what it needs:
// - dist/extension.js: what activation runs (tree, status bar, session engine, command stubs,
//   the small pure parsers the tree and CodeLenses use);
// - dist/lazy.js: what the first command or request needs (client, explanations, command bodies,
//   the connection wizard), loaded by src/lazyLoader.ts;
// - dist/undici.js: the HTTP stack, required on the first request;
// - dist/httpsnippet.js: the code generator of Export Request, required on the first export to code.
//
// The lazy seam cannot hold two copies of a module (two SugarError classes, two tree-node classes,
// two error-to-connection maps, with `instanceof` failing only in the packaged build): every
// module that both bundles import is computed from esbuild's own module graphs, kept in
// dist/extension.js only, and handed to dist/lazy.js as the argument of the one function that
// file exports. No list is kept by hand; `checkNoSecondCopy` fails the build if one ever appears.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = __dirname;
/** The stand-in module that, in the bundle, lists the shared modules (see src/lazyShared.ts). */
const SHARED_TABLE_FILE = path.join(root, 'src', 'lazyShared.ts');
/** The name of dist/lazy.js's one parameter: the shared modules, by path. */
const SHARED_PARAM = '__sugarSharedModules';

/** Points `require('undici')` in the extension bundle at the separate dist/undici.js. */
const undiciAsSeparateFile = {
  name: 'undici-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/**
 * httpsnippet's targets and clients that Export Request uses; src/core/interchange/codeExport.ts's
 * SNIPPET_CLIENTS names the same (a unit test holds them equal).
 */
const SNIPPET_CLIENTS = { php: 'curl', javascript: 'fetch', python: 'requests', csharp: 'httpclient' };

/** `require('httpsnippet-lite')` in the lazy bundle goes to the separate dist/httpsnippet.js. */
const httpSnippetAsSeparateFile = {
  name: 'httpsnippet-as-separate-file',
  setup(build) {
    build.onResolve({ filter: /^httpsnippet-lite$/ }, () => ({ path: './httpsnippet.js', external: true }));
  },
};

/** `export const <name> = { ... <object>: { a, b, c } }` with only `keep` left in the object and their imports. */
function keepOnly(text, object, keep, file) {
  let kept = text.replace(/^import \{ (\w+) \} from "\.\/(\w+)\/(?:target|client)\.mjs";\n/gm, (line, name) => (keep.includes(name) ? line : ''));
  kept = kept.replace(new RegExp(`${object}( = |: )\\{[^}]*\\}`), (_whole, sep) => `${object}${sep}{ ${keep.join(', ')} }`);
  for (const name of keep) {
    if (!new RegExp(`^import \\{ ${name} \\}`, 'm').test(kept) || !kept.includes(`{ ${keep.join(', ')} }`)) throw new Error(`httpsnippet-lite's ${file} no longer has the shape esbuild.js trims: check SNIPPET_CLIENTS`);
  }
  return kept;
}

/**
 * dist/httpsnippet.js: httpsnippet-lite with the four targets and clients above only (its index
 * brings 18 languages, about 60 KB minified), and without its multipart support (formdata-node and
 * a 56 KB web-streams polyfill): exports send JSON or text bodies, never multipart.
 */
const httpSnippetTrimmed = {
  name: 'httpsnippet-trimmed',
  setup(build) {
    build.onResolve({ filter: /^formdata-node$/ }, () => ({ path: 'formdata-node', namespace: 'no-multipart' }));
    build.onLoad({ filter: /.*/, namespace: 'no-multipart' }, () => ({
      contents: 'export class Blob {} export class FormData { constructor() { throw new Error("multipart bodies are not exported"); } }',
      loader: 'js',
    }));
    build.onLoad({ filter: /httpsnippet-lite[\\/]dist[\\/]esm[\\/]targets[\\/](\w+[\\/])?targets?\.mjs$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const language = path.basename(path.dirname(args.path));
      if (path.basename(args.path) === 'targets.mjs') return { contents: keepOnly(text, 'targets', Object.keys(SNIPPET_CLIENTS), 'targets.mjs'), loader: 'js' };
      if (!(language in SNIPPET_CLIENTS)) return undefined;
      return { contents: keepOnly(text, 'clientsById', [SNIPPET_CLIENTS[language]], `${language}/target.mjs`), loader: 'js' };
    });
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
    // The scanner runs the tokenizer with decodeEntities: false and decodes the few references a
    // /help page has itself (src/core/explore/htmlEntities.ts). The tokenizer still constructs its
    // decoder, never used then: a stub stands in for it and the 32 KB HTML5 entity table.
    build.onResolve({ filter: /^entities\/decode$/ }, () => ({ path: 'entities-decode', namespace: 'html-entities-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'html-entities-stub' }, () => ({
      contents: 'export class EntityDecoder {} export const DecodingMode = {}; export const htmlDecodeTree = null; export const xmlDecodeTree = null;',
      loader: 'js',
    }));
  },
};

/**
 * jsonc-parser's `main` is a UMD build whose inner `require('./impl/…')` calls esbuild leaves
 * unresolved; its ES module build bundles cleanly (the tests, unbundled, use the UMD one).
 */
const jsoncAsEsm = {
  name: 'jsonc-as-esm',
  setup(build) {
    const esm = path.resolve(path.dirname(require.resolve('jsonc-parser')), '..', 'esm', 'main.js');
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: esm }));
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

/** In dist/extension.js, src/lazyShared.ts becomes the table of the shared modules (by path). */
function sharedTable(shared) {
  return {
    name: 'shared-table',
    setup(build) {
      build.onLoad({ filter: /lazyShared\.ts$/ }, (args) => {
        if (path.resolve(args.path) !== SHARED_TABLE_FILE) return undefined;
        const lines = shared.map((file, i) => `import * as m${i} from ${JSON.stringify(path.join(root, file))};`);
        const entries = shared.map((file, i) => `${JSON.stringify(file)}: m${i}`);
        lines.push(`export const sharedModules = Object.freeze({ ${entries.join(', ')} });`);
        return { contents: lines.join('\n'), loader: 'ts', resolveDir: path.dirname(SHARED_TABLE_FILE) };
      });
    },
  };
}

/** In dist/lazy.js, every import of a shared module reads it from the factory's argument. */
function sharedFromActivationBundle(shared) {
  const wanted = new Set(shared);
  const guard = Symbol('resolving');
  return {
    name: 'shared-from-activation-bundle',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === guard || args.kind === 'entry-point' || args.namespace !== 'file') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: guard });
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file') return resolved.errors.length > 0 ? undefined : resolved;
        const file = path.relative(root, resolved.path).split(path.sep).join('/');
        return wanted.has(file) ? { path: file, namespace: 'shared-module' } : resolved;
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
        contents:
          `const shared = ${SHARED_PARAM}[${JSON.stringify(args.path)}];\n` +
          `if (!shared) throw new Error(${JSON.stringify(`dist/lazy.js needs ${args.path} from dist/extension.js, which was built without it: rebuild both with esbuild.js`)});\n` +
          'module.exports = shared;',
        loader: 'js',
      }));
    },
  };
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
};

/** Source files in one build's module graph (no virtual modules), as paths relative to root. */
function inputFiles(result) {
  return Object.keys(result.metafile.inputs).filter((file) => !file.includes(':'));
}

/**
 * Builds the three bundles into `outdir`. First both module graphs on their own (in memory), to
 * learn which modules both import; then the real bundles, sharing exactly those.
 * Answers the shared modules and each bundle's metafile.
 */
async function buildAll({ outdir = path.join(root, 'dist'), production = false, write = true } = {}) {
  const options = { ...common, minify: production, sourcemap: !production, write };
  const mainOptions = (shared) => ({
    ...options,
    entryPoints: ['src/extension.ts'],
    outfile: path.join(outdir, 'extension.js'),
    plugins: [oneVscodeRequire, undiciAsSeparateFile, lazyAsSeparateFile, jsoncAsEsm, sharedTable(shared)],
  });
  const lazyOptions = (plugins) => ({
    ...options,
    entryPoints: ['src/lazy.ts'],
    outfile: path.join(outdir, 'lazy.js'),
    plugins: [oneVscodeRequire, undiciAsSeparateFile, httpSnippetAsSeparateFile, htmlTokenizerOnly, jsoncAsEsm, ...plugins],
  });

  const [mainGraph, lazyGraph] = await Promise.all([
    esbuild.build({ ...mainOptions([]), write: false, sourcemap: false }),
    esbuild.build({ ...lazyOptions([]), write: false, sourcemap: false }),
  ]);
  const shared = sharedModules(mainGraph, lazyGraph);

  const [main, lazy, undici, httpsnippet] = await Promise.all([
    esbuild.build(mainOptions(shared)),
    esbuild.build({
      ...lazyOptions([sharedFromActivationBundle(shared)]),
      // dist/lazy.js exports one function: it runs the lazy code with the shared modules it is given.
      banner: { js: `"use strict";\nmodule.exports = function loadLazy(${SHARED_PARAM}) {\nconst module = { exports: {} };\nconst exports = module.exports;` },
      footer: { js: 'return module.exports;\n};' },
    }),
    esbuild.build({ ...options, entryPoints: ['src/bundle/undiciParts.js'], outfile: path.join(outdir, 'undici.js') }),
    esbuild.build({ ...options, entryPoints: ['src/bundle/httpsnippetParts.js'], outfile: path.join(outdir, 'httpsnippet.js'), plugins: [httpSnippetTrimmed] }),
  ]);
  checkNoSecondCopy(main, lazy);
  return { shared, main: main.metafile, lazy: lazy.metafile, undici: undici.metafile, httpsnippet: httpsnippet.metafile };
}

/**
 * The `sugar-rest` command (package.json "bin"): one file, everything bundled (undici too), no
 * `vscode` (the build fails if anything reaches for it). `__dirname` stays the bundle's folder,
 * where src/cli/main.ts finds package.json above it for --version.
 */
async function buildCli({ outdir = path.join(root, 'dist'), production = false, write = true } = {}) {
  const refuseVscode = {
    name: 'refuse-vscode',
    setup(build) {
      build.onResolve({ filter: /^vscode$/ }, (args) => ({ errors: [{ text: `the CLI must not import vscode (imported by ${path.relative(root, args.importer)})` }] }));
    },
  };
  // `sugar-rest mcp` loads the MCP server (and its SDK) from dist/mcp.js, a bundle of its own, so `run` never parses it.
  const mcpApart = {
    name: 'mcp-apart',
    setup(build) {
      build.onResolve({ filter: /^\.\/mcpServer$/ }, () => ({ path: './mcp.js', external: true }));
    },
  };
  const options = { ...common, minify: production, sourcemap: !production, write };
  const [result, mcp] = await Promise.all([
    esbuild.build({
      ...options,
      entryPoints: ['src/cli/main.ts'],
      outfile: path.join(outdir, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' },
      plugins: [refuseVscode, mcpApart, jsoncAsEsm, htmlTokenizerOnly],
    }),
    esbuild.build({ ...options, entryPoints: ['src/cli/mcpServer.ts'], outfile: path.join(outdir, 'mcp.js'), plugins: [refuseVscode, jsoncAsEsm, htmlTokenizerOnly] }),
  ]);
  if (write) fs.chmodSync(path.join(outdir, 'cli.js'), 0o755);
  // The runner's graph is what callers check (no extension code in it); the server's is reported beside it.
  return { ...result.metafile, mcp: mcp.metafile };
}

/**
 * The modules dist/lazy.js must take from dist/extension.js: those in both graphs that a module of
 * the lazy side imports itself (what they import in turn comes with them).
 */
function sharedModules(mainGraph, lazyGraph) {
  const inMain = new Set(inputFiles(mainGraph));
  const asked = new Set();
  for (const [file, info] of Object.entries(lazyGraph.metafile.inputs)) {
    if (inMain.has(file)) continue;
    for (const imported of info.imports) if (inMain.has(imported.path) && imported.path !== 'src/lazyShared.ts') asked.add(imported.path);
  }
  return [...asked].sort();
}

/** Fails when a source file is in both bundles: its classes and state would exist twice. */
function checkNoSecondCopy(main, lazy) {
  const inMain = new Set(inputFiles(main));
  const twice = inputFiles(lazy).filter((file) => inMain.has(file));
  if (twice.length > 0) throw new Error(`dist/lazy.js has its own copy of ${twice.join(', ')}, which dist/extension.js holds too`);
}

function report(result) {
  for (const metafile of [result.main, result.lazy, result.undici, result.httpsnippet, result.cli]) {
    for (const [file, info] of Object.entries(metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`${path.relative(root, path.resolve(root, file))}  ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
  console.log(`shared by dist/lazy.js from dist/extension.js: ${result.shared.length} modules`);
}

/** --watch: the whole build again after a change (the shared modules may change with any import). */
function watch(production) {
  let timer;
  const again = () =>
    buildEverything(production).then(report, (error) => console.error(error.message ?? error));
  fs.watch(path.join(root, 'src'), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(again, 150);
  });
  return again();
}

/** The extension's bundles and the CLI. */
async function buildEverything(production) {
  const [all, cli] = await Promise.all([buildAll({ production }), buildCli({ production })]);
  return { ...all, cli };
}

module.exports = { buildAll, buildCli, SNIPPET_CLIENTS };

if (require.main === module) {
  const production = process.argv.includes('--production');
  const run = process.argv.includes('--watch') ? watch(production) : buildEverything(production).then(report);
  run.catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
