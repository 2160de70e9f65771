/**
 * The modules that dist/lazy.js takes from dist/extension.js instead of holding its own copy, by
 * path. This file is a stand-in: esbuild.js replaces it in the bundle with a table of every module
 * that both bundles import, computed from their module graphs (so nothing is kept by hand and
 * `instanceof` never sees two copies of a class). Unbundled (tests), Node's module cache shares
 * every module already and the table stays empty.
 */
export const sharedModules: Readonly<Record<string, unknown>> = Object.freeze({});
