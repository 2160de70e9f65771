// The lazy seam as users run it: the bundles esbuild.js makes, not the unbundled modules the other
// unit tests load. A module held by both dist/extension.js and dist/lazy.js would exist twice
// (two SugarError classes: `instanceof` failing only in the packaged build).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Module = require('node:module');
import { SugarError } from '../../src/core/sugar/errors';
import { DEFAULT_NETWORK } from '../../src/core/sugar/network';
import type * as Lazy from '../../src/lazy';
import { CapturingLogger } from '../support/logger';

const root = join(__dirname, '..', '..', '..');

interface Metafile {
  inputs: Record<string, unknown>;
}
interface BuildResult {
  shared: string[];
  main: Metafile & { outputs: Record<string, { bytes: number; entryPoint?: string; inputs: Record<string, unknown> }> };
  lazy: Metafile;
  httpsnippet: Metafile & { outputs: Record<string, { bytes: number }> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildAll } = require(join(root, 'esbuild.js')) as { buildAll(options: { outdir: string; production?: boolean; write?: boolean }): Promise<BuildResult> };
/** The budget of the bundle loaded at activation (scripts/bench). */
const ACTIVATION_BUNDLE_BYTES = 100 * 1024;

const files = (metafile: Metafile): string[] => Object.keys(metafile.inputs).filter((file) => !file.includes(':'));

/** A port where nothing listens: a real socket that is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `load` with `require('vscode')` answering a stand-in (dist/lazy.js requires it when it runs). */
function withVscodeStandIn<T>(load: () => T): T {
  const moduleWithLoad = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const original = moduleWithLoad._load;
  const standIn = new Proxy({}, { get: () => class {} });
  moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standIn : original.call(this, request, ...rest);
  };
  try {
    return load();
  } finally {
    moduleWithLoad._load = original;
  }
}

describe('the lazy seam (built bundles)', function () {
  this.timeout(60_000);
  let outdir: string;
  let built: BuildResult;

  before(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'sugar-lazy-seam-'));
    built = await buildAll({ outdir });
  });
  after(() => rmSync(outdir, { recursive: true, force: true }));

  it('no source module is in both bundles, and SugarError is defined once, in dist/extension.js', () => {
    const inMain = new Set(files(built.main));
    assert.ok(inMain.has('src/core/sugar/errors.ts'), 'the activation bundle holds the errors module');
    assert.ok(files(built.lazy).includes('src/core/sugar/client.ts'), 'the lazy bundle holds the client');
    assert.deepEqual(files(built.lazy).filter((file) => inMain.has(file)), []);
    const definitions = (file: string): number => readFileSync(join(outdir, file), 'utf8').match(/\bSugarError = class\b/g)?.length ?? 0;
    assert.equal(definitions('extension.js'), 1);
    assert.equal(definitions('lazy.js'), 0);
  });

  it('every module dist/lazy.js asks for is in the table dist/extension.js hands it', () => {
    const lazyText = readFileSync(join(outdir, 'lazy.js'), 'utf8');
    const mainText = readFileSync(join(outdir, 'extension.js'), 'utf8');
    const asked = [...new Set([...lazyText.matchAll(/__sugarSharedModules\["([^"]+)"\]/g)].map((match) => match[1]))].sort();
    assert.ok(asked.includes('src/core/sugar/errors.ts') && asked.includes('src/vscode/tree/nodes.ts'), asked.join(', '));
    assert.deepEqual(asked, built.shared);
    for (const file of asked) assert.ok(mainText.includes(`${JSON.stringify(file)}: `), `${file} is not in the table`);
  });

  it("an error thrown inside dist/lazy.js is an instance of the activation side's SugarError", async () => {
    // The table as dist/extension.js builds it, here from the unbundled modules this test loads.
    const cached = new Set(Object.keys(require.cache));
    const table = withVscodeStandIn(() => Object.fromEntries(built.shared.map((file) => [file, require(join(root, 'out', file.replace(/\.ts$/, '.js')))])));
    const factory = require(join(outdir, 'lazy.js')) as (shared: object) => typeof Lazy;
    const lazy = withVscodeStandIn(() => factory(table));
    // The VS Code layer's modules loaded against the stand-in must not serve other tests.
    for (const file of Object.keys(require.cache)) if (!cached.has(file) && file.includes(`${join('out', 'src', 'vscode')}`)) delete require.cache[file];
    const { client, close } = lazy.createClient(new CapturingLogger());
    try {
      const error = await client.detectHighestVersion(`http://127.0.0.1:${await closedPort()}`, DEFAULT_NETWORK).then(
        () => assert.fail('a refused connection cannot answer'),
        (rejection: unknown) => rejection,
      );
      assert.ok(error instanceof SugarError, `not the shared SugarError: ${String(error)}`);
      assert.equal(error.kind, 'refused');
    } finally {
      await close();
    }
  });

  it('the production bundle loaded at activation stays within 100 KB and holds no package (undici, the HTML parser)', async () => {
    const production = await buildAll({ outdir, production: true, write: false });
    const [, output] = Object.entries(production.main.outputs).find(([, o]) => o.entryPoint === 'src/extension.ts')!;
    assert.ok(output.bytes <= ACTIVATION_BUNDLE_BYTES, `dist/extension.js would be ${(output.bytes / 1024).toFixed(1)} KB`);
    assert.deepEqual(Object.keys(output.inputs).filter((file) => file.startsWith('node_modules/')), []);
    // The code generator of Export Request is its own file, required on the first export to code.
    assert.deepEqual(files(production.lazy).filter((file) => file.includes('httpsnippet')), []);
    const snippet = files(production.httpsnippet);
    assert.deepEqual(snippet.filter((file) => /formdata-node|web-streams|targets\/(go|java|ruby|shell)\/|restsharp|guzzle|axios|python3/.test(file)), []);
    assert.ok(snippet.some((file) => file.endsWith('targets/python/requests/client.mjs')));
  });
});
