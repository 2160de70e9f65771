// dist/httpsnippet.js: httpsnippet-lite's generator with only the targets Export Request uses (the
// trimming is esbuild.js's httpSnippetTrimmed). Same names as the package's index, so that the
// unbundled tests (which load the whole package) and the bundle answer alike.
export { HTTPSnippet } from 'httpsnippet-lite';
