// The build the bench measures, figure 5 (the .vsix) and the size half of figure 1 (the bundle
// loaded at activation), with what they are made of, so that a broken budget names its cause.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../test/host/runner/paths';

export interface ZipEntry {
  name: string;
  /** Uncompressed and compressed bytes. */
  size: number;
  compressed: number;
}

export interface PackageResult {
  bytes: number;
  entries: ZipEntry[];
  method: string;
  error?: string;
}

export interface BundleResult {
  /** dist/extension.js and dist/undici.js as built. */
  extensionBytes: number;
  undiciBytes: number;
  /** A build is a production build when it is minified (no source map comment, few lines). */
  production: boolean;
  /** Bytes in dist/extension.js per source file, from an esbuild metafile of the same build options. */
  inputs: Array<{ path: string; bytes: number }>;
  metafileTotal: number;
  compositionError?: string;
}

/**
 * The production build, made by the project's own esbuild.js (whatever it bundles and splits),
 * then copied at once with the rest of what the .vsix holds into a folder of the bench's own:
 * every figure is taken from that one build, even if dist/ is rebuilt meanwhile (other work in the
 * same folder, a watch build). The extension host runs the copy as its extensionDevelopmentPath.
 */
export function buildAndSnapshot(build: boolean): { dir: string; built: boolean; error?: string } {
  if (build) {
    const r = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) return { dir: '', built: false, error: `node esbuild.js --production failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' / ')}` };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-bench-ext-'));
  for (const entry of fs.readdirSync(projectRoot, { withFileTypes: true })) {
    if (entry.isFile()) fs.copyFileSync(path.join(projectRoot, entry.name), path.join(dir, entry.name));
  }
  for (const folder of ['media', 'syntaxes']) {
    if (fs.existsSync(path.join(projectRoot, folder))) fs.cpSync(path.join(projectRoot, folder), path.join(dir, folder), { recursive: true });
  }
  fs.mkdirSync(path.join(dir, 'dist'));
  for (const file of fs.readdirSync(path.join(projectRoot, 'dist'))) {
    if (file.endsWith('.js')) fs.copyFileSync(path.join(projectRoot, 'dist', file), path.join(dir, 'dist', file));
  }
  return { dir, built: build };
}

/** Names and sizes from a zip's central directory (scripts/zipEntries.js, shared with `npm run package`). */
export function zipEntries(file: string): ZipEntry[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const shared = require(path.join(projectRoot, 'scripts', 'zipEntries.js')) as { zipEntries(file: string): ZipEntry[] };
  return shared.zipEntries(file);
}

/**
 * The .vsix as `npm run package` makes it (vsce, no dependencies, no repository needed, relative
 * links left as they are), written to a temp folder. vsce's own `package` command would run the
 * vscode:prepublish build again; the bench has just made that build, so it calls vsce's pack()
 * (the same function the command calls after prepublish), in a child process, and falls back to
 * the command where that function is not there.
 */
export function packageVsix(extensionDir: string): PackageResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sugar-bench-vsix-'));
  const out = path.join(dir, 'bench.vsix');
  try {
    const options = { cwd: extensionDir, packagePath: out, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false };
    const script = `const p = require(${JSON.stringify(path.join(projectRoot, 'node_modules', '@vscode', 'vsce', 'out', 'package.js'))});
if (typeof p.pack !== 'function') process.exit(3);
p.pack(${JSON.stringify(options)}).then(() => process.exit(0), (e) => { console.error(e && e.message || e); process.exit(1); });`;
    let r = spawnSync(process.execPath, ['-e', script], { cwd: extensionDir, encoding: 'utf8', timeout: 120_000 });
    let method = "vsce's pack() (the package command without its prepublish build)";
    if (r.status === 3) {
      method = 'vsce package (with its prepublish build)';
      const vsce = path.join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
      r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: extensionDir, encoding: 'utf8', timeout: 240_000 });
    }
    if (r.status !== 0 || !fs.existsSync(out)) {
      return { bytes: NaN, entries: [], method, error: `${method} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-5).join(' / ')}` };
    }
    return { bytes: fs.statSync(out).size, entries: zipEntries(out), method };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bundle's size as built, and what it is made of: esbuild again, in memory, with the options
 * of esbuild.js's production build of src/extension.ts (kept in step by hand: the bench warns
 * when the totals disagree).
 */
export async function bundleComposition(extensionDir: string): Promise<BundleResult> {
  const main = path.join(extensionDir, 'dist', 'extension.js');
  const undici = path.join(extensionDir, 'dist', 'undici.js');
  const text = fs.readFileSync(main, 'utf8');
  const result: BundleResult = {
    extensionBytes: fs.statSync(main).size,
    undiciBytes: fs.existsSync(undici) ? fs.statSync(undici).size : NaN,
    production: !/sourceMappingURL=/.test(text.slice(-300)) && text.split('\n').length < 50,
    inputs: [],
    metafileTotal: NaN,
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require(require.resolve('esbuild', { paths: [projectRoot] })) as typeof import('esbuild');
    const built = await esbuild.build({
      absWorkingDir: projectRoot,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      external: ['vscode'],
      plugins: [{ name: 'undici-as-separate-file', setup: (build) => build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true })) }],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const output = Object.values(built.metafile.outputs).find((o) => o.entryPoint === 'src/extension.ts');
    if (output) {
      result.metafileTotal = output.bytes;
      result.inputs = Object.entries(output.inputs)
        .map(([file, info]) => ({ path: file, bytes: info.bytesInOutput }))
        .sort((a, b) => b.bytes - a.bytes);
    }
  } catch (error) {
    result.compositionError = (error as Error).message;
  }
  return result;
}

/** Bytes per folder (src/core/sugar, src/vscode/explore, node_modules/<pkg>, ...). */
export function byFolder(inputs: BundleResult['inputs']): Array<{ folder: string; bytes: number }> {
  const folders = new Map<string, number>();
  for (const { path: file, bytes } of inputs) {
    const parts = file.split('/');
    const folder = parts[0] === 'node_modules' ? parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/') : parts.slice(0, Math.min(parts.length - 1, 3)).join('/');
    folders.set(folder, (folders.get(folder) ?? 0) + bytes);
  }
  return [...folders].map(([folder, bytes]) => ({ folder, bytes })).sort((a, b) => b.bytes - a.bytes);
}
