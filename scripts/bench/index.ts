// npm run bench: the performance budget of issue #5, measured. Not part of `npm test`.
//   node out/scripts/bench/index.js [--only activation,request,concurrency,scale,package,parsers,answer,modules]
//       [--starts <n>] [--no-build] [--profile-activation] [--profile-tree] [--verbose]
// Prints one line per figure (the figure, its baseline, the ratio, the budget), then what makes up
// each broken one; writes test-output/bench/results.json; exit code 1 when a budget is broken or a
// figure could not be measured. Needs out/ (npm run compile-tests; the npm script does it). It
// makes the production build itself (node esbuild.js --production, into dist/ as `npm run package`
// does) and measures a copy of it (packageBench.ts: buildAndSnapshot); --no-build takes dist/ as
// it is (a dev build gives the CPU profiles readable function names).
//
//   1 activation     in the real extension host (hostBench.ts: 1 fresh + <starts> restarts)
//   2 request        engine vs raw undici, against a simulator process (requestBench.ts)
//   3 concurrency    1,000 concurrent on an expired vs a valid token (requestBench.ts)
//   4 scale          1,000 connections, 200 logged in, in the real extension host (hostBench.ts)
//   5 package        the .vsix, and the bundle's composition (packageBench.ts)
//   6 parsers        each parser of outside text on 1 MB of hostile input (parserBench.ts)
//   7 answer         peak RSS growth while a 200 MB answer is received, in a child process (answerBench.ts)
//   8 schema         indexing a 10 MB /metadata (time, memory) and completion p95 on it (schemaBench.ts)
//   9 modules        the Modules node of the large instance (400 generated modules), metadata cached (modulesBench.ts)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hostDir, projectRoot } from '../../test/host/runner/paths';
import { checkPrerequisites, ensureHost, runActivation, runScale, type ActivationRun, type ScaleRun } from './hostBench';
import { ANSWER_MEMORY_BUDGET_BYTES, answerMemoryLines } from './answerBench';
import { buildAndSnapshot, byFolder, bundleComposition, packageVsix, type BundleResult, type PackageResult } from './packageBench';
import { parserBench, parserLines } from './parserBench';
import { schemaBench, schemaLines } from './schemaBench';
import { modulesBench, modulesLines } from './modulesBench';
import { concurrency, requestOverhead, type ConcurrencyResult, type OverheadResult, type OverheadRun } from './requestBench';
import { kb, mb, median, ms } from './stats';

const PARTS = ['activation', 'request', 'concurrency', 'scale', 'package', 'parsers', 'answer', 'schema', 'modules'] as const;
type Part = (typeof PARTS)[number];

const BUDGET = {
  activationMs: 15,
  bundleBytes: 100 * 1024,
  secretReads: 1,
  requestRatio: 1.1,
  concurrencyRatio: 1.3,
  treeMs: 20,
  timers: 1,
  heapGrowthBytes: 20 * 1024 * 1024,
  vsixBytes: 300 * 1024,
  parserMs: 50,
  modulesNodeMs: 30,
};

export interface Line {
  id: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  budget: string;
  /** true: within budget; false: broken; undefined: information, not judged. */
  ok?: boolean;
  /** What the figure is made of; printed under the table for broken lines (all with --verbose). */
  details?: string[];
}

interface Args {
  parts: Set<Part>;
  starts: number;
  build: boolean;
  profileActivation: boolean;
  profileTree: boolean;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { parts: new Set(PARTS), starts: 10, build: true, profileActivation: false, profileTree: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') {
      const wanted = (argv[++i] ?? '').split(',').filter(Boolean);
      for (const part of wanted) if (!PARTS.includes(part as Part)) usage(`unknown part ${part}`);
      args.parts = new Set(wanted as Part[]);
    } else if (arg === '--starts') args.starts = Math.max(1, Number(argv[++i]) || 10);
    else if (arg === '--profile-tree') args.profileTree = true;
    else if (arg === '--profile-activation') args.profileActivation = true;
    else if (arg === '--no-build') args.build = false;
    else if (arg === '--verbose') args.verbose = true;
    else usage(arg === '-h' || arg === '--help' ? undefined : `unknown argument ${arg}`);
  }
  return args;
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(`usage: node out/scripts/bench/index.js [--only ${PARTS.join(',')}] [--starts <n>] [--no-build] [--profile-activation] [--profile-tree] [--verbose]`);
  process.exit(message ? 2 : 0);
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const failedLine = (id: string, figure: string, budget: string, error: string): Line => ({ id, figure, value: 'not measured', baseline: '', ratio: '', budget, ok: false, details: [error] });

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function machine() {
  const cpus = os.cpus();
  const codeServer = readJson<{ version: string }>(path.join(hostDir, 'node_modules', 'code-server', 'package.json'));
  const vscodeVersion = readJson<{ version: string }>(path.join(hostDir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json'));
  return {
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    codeServer: codeServer?.version,
    vscode: vscodeVersion?.version,
    loadAverageAtStart: os.loadavg(),
  };
}

// ---- 1: activation -------------------------------------------------------------------------

function activationLines(run: ActivationRun, bundle: BundleResult | undefined, manifest: { activationEvents?: string[] }): Line[] {
  const lines: Line[] = [];
  const measured = run.restarts.filter((r) => r.answer).map((r) => r.answer!);
  const errors = [run.fresh, ...run.restarts].filter((r) => r.error).map((r) => r.error!);
  const fresh = run.fresh.answer;
  if (measured.length === 0 || measured.some((a) => a.ownMs === undefined)) {
    lines.push(failedLine('1', 'activation', `≤ ${BUDGET.activationMs} ms`, errors[0] ?? 'the preload did not record the activation (see hostPreload.ts)'));
    return lines;
  }
  const own = measured.map((a) => a.ownMs!);
  const span = measured.map((a) => a.totalMs!);
  // The baseline: every other extension VS Code activated in the same starts, by the same definition (its marks).
  const others = measured.flatMap((a) => a.otherExtensions.map((o) => o.ownMs));
  const baseline = median(others);
  const ownMedian = median(own);
  const perStart = measured.map((a) => `load ${fixed(a.loadMs!)}${a.vscodeRequires ? ` (of which ${a.vscodeRequires.count} require('vscode') ${fixed(a.vscodeRequires.totalMs)}, the first ${fixed(a.vscodeRequires.firstMs)})` : ''} + activate ${fixed(a.activateSyncMs!)} + ${fixed(a.activateAsyncMs!)} = ${fixed(a.ownMs!)} ms (VS Code's mark: ${a.marks?.ownMs ?? 'n/a'} ms); context wait ${fixed(a.hostGapMs!)} ms`);
  const builtIns = new Map<string, number[]>();
  for (const a of measured) for (const o of a.otherExtensions) builtIns.set(o.id, [...(builtIns.get(o.id) ?? []), o.ownMs]);
  lines.push({
    id: '1',
    figure: `activation: loading dist/extension.js + activate() to resolved, median of ${measured.length} host starts`,
    value: ms(ownMedian),
    baseline: `${ms(baseline)} (the ${builtIns.size} built-in extensions that activated in the same starts)`,
    ratio: fixed(ownMedian / baseline),
    budget: `≤ ${BUDGET.activationMs} ms`,
    ok: ownMedian <= BUDGET.activationMs,
    details: [
      'Measured by the preload in the extension host with performance.now(): from the start of VS Code\'s require of dist/extension.js to the resolution of activate()\'s promise, without the time VS Code spends building the ExtensionContext in between (its "activation time" in Show Running Extensions; the line below has the span with it).',
      `min ${ms(Math.min(...own))}, median ${ms(ownMedian)}, max ${ms(Math.max(...own))}; loading alone: median ${ms(median(measured.map((a) => a.loadMs!)))}, activate() alone: median ${ms(median(measured.map((a) => a.activateSyncMs! + a.activateAsyncMs!)))}`,
      ...perStart.map((text, i) => `start ${i + 1}: ${text} (${run.restarts.filter((r) => r.answer)[i]?.activationLine ?? 'activation event not logged'}${measured[i].activatedBeforeBench ? '' : '; NOT activated at start-up: the bench asked for it'})`),
      `built-in extensions, own time per start (median): ${[...builtIns].map(([id, values]) => `${id.replace(/^vscode\./, '')} ${fixed(median(values), 0)}`).join(', ')}`,
      ...errors.map((e) => `failed: ${e}`),
    ],
  });
  lines.push({
    id: '1',
    figure: 'activation span with VS Code building the context (load start to activate() resolved)',
    value: ms(median(span)),
    baseline: `${ms(median(measured.map((a) => a.hostGapMs!)))} of it waiting for VS Code`,
    ratio: '',
    budget: `(${BUDGET.activationMs} ms if read literally)`,
    details: [
      'Between the end of the require and the activate() call VS Code finishes the ExtensionContext (globalState and workspaceState ready: round trips to the workbench), in parallel with the require; the extension has no part in that wait, which depends on how busy the workbench is at start-up.',
      `VS Code's own marks for the same span (willLoadExtensionCode to didActivateExtension, 1 ms resolution): median ${fixed(median(measured.map((a) => a.marks?.totalMs ?? NaN)), 0)} ms`,
    ],
  });
  if (fresh) {
    lines.push({
      id: '1',
      figure: 'activation on a fresh profile (nothing stored), one start',
      value: ms(fresh.ownMs),
      baseline: `span ${ms(fresh.totalMs)}`,
      ratio: '',
      budget: '',
      details: [`load ${fixed(fresh.loadMs!)} + activate ${fixed(fresh.activateSyncMs!)} + ${fixed(fresh.activateAsyncMs!)} ms`],
    });
  }
  const bytes = bundle?.extensionBytes ?? measured[0].bundleBytes;
  const folders = bundle ? byFolder(bundle.inputs) : [];
  lines.push({
    id: '1',
    figure: `bundle loaded at activation: dist/extension.js${bundle && !bundle.production ? ' (NOT a production build: run npm run build -- --production)' : ''}`,
    value: kb(bytes),
    baseline: bundle ? `dist/undici.js ${kb(bundle.undiciBytes)}, loaded on first use` : '',
    ratio: '',
    budget: `≤ ${kb(BUDGET.bundleBytes)}`,
    ok: bytes <= BUDGET.bundleBytes && (bundle?.production ?? true),
    details: bundle
      ? [
          `by folder (minified bytes, esbuild metafile; total ${kb(bundle.metafileTotal)}${Math.abs(bundle.metafileTotal - bundle.extensionBytes) > bundle.extensionBytes * 0.02 ? `; dist/extension.js differs: ${kb(bundle.extensionBytes)}, keep packageBench.ts in step with esbuild.js` : ''}): ${folders.map((f) => `${f.folder} ${kb(f.bytes)}`).join(', ')}`,
          `largest files: ${bundle.inputs.slice(0, 12).map((i) => `${i.path.replace(/^src\//, '')} ${kb(i.bytes)}`).join(', ')}`,
          ...(bundle.compositionError ? [`composition not available: ${bundle.compositionError}`] : []),
        ]
      : [],
  });
  const all = [...(fresh ? [fresh] : []), ...measured];
  const undiciAtActivation = all.filter((a) => a.undiciLoadedAtActivation).length;
  lines.push({
    id: '1',
    figure: 'undici (dist/undici.js) loaded at activation',
    value: undiciAtActivation ? `in ${undiciAtActivation} of ${all.length} starts` : 'no',
    baseline: '',
    ratio: '',
    budget: 'no',
    ok: undiciAtActivation === 0,
    details: [`modules loaded from the project during activation: ${[...new Set(all.flatMap((a) => a.modulesLoadedDuringActivation.map((f) => path.relative(projectRoot, f))))].join(', ')}`],
  });
  const reads = all.map((a) => a.secretReadsDuringActivation);
  const keys = (a: typeof all[number]) => a.secretCallsDuringActivation.map((c) => `${c.op} ${c.key.replace(/^(sugar\.session\.).+$/, '$1<id>')}`).join(', ');
  lines.push({
    id: '1',
    figure: 'SecretStorage reads during activation (most in any start)',
    value: String(Math.max(...reads)),
    baseline: '',
    ratio: '',
    budget: `≤ ${BUDGET.secretReads}`,
    ok: Math.max(...reads) <= BUDGET.secretReads,
    details: [
      ...(fresh ? [`fresh profile: ${keys(fresh)}`] : []),
      `stored connection: ${keys(measured[0])}`,
      `in the second after activation: ${measured[0].secretCallsAfterActivation.map((c) => `${c.op} ${c.key.replace(/^(sugar\.session\.).+$/, '$1<id>')}`).join(', ') || 'none'}`,
    ],
  });
  // No request can leave without the HTTP stack, which is loaded on the first request: undici not
  // in require.cache when activate() resolved means no request during activation.
  const startupRequests = run.restarts.filter((r) => r.answer).map((r) => r.simRequests ?? {});
  const describeRequests = (requests: Record<string, number>) => Object.entries(requests).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
  lines.push({
    id: '1',
    figure: 'network requests during activation',
    value: undiciAtActivation ? `possible in ${undiciAtActivation} starts` : '0',
    baseline: '',
    ratio: '',
    budget: '0',
    ok: undiciAtActivation === 0,
    details: [
      'No request leaves without undici, and undici was not loaded when activate() resolved (it is loaded by the first request).',
      `requests the simulator saw while each restart ran (activation and the second after it): ${startupRequests.map(describeRequests).join(' | ')}`,
      `undici loaded within a second after activation: ${measured.filter((a) => a.undiciLoadedOneSecondLater).length} of ${measured.length} restarts`,
    ],
  });
  if (fresh) {
    const timers = fresh.liveTimersAfterOneSecond.filter((t) => t.origin !== 'vscode');
    const costly = [
      ...(fresh.undiciLoadedOneSecondLater ? ['undici loaded'] : []),
      ...(timers.length ? [`${timers.length} timer(s) running`] : []),
      ...(fresh.secretCallsAfterActivation.length ? [`${fresh.secretCallsAfterActivation.length} SecretStorage call(s) after activation`] : []),
    ];
    lines.push({
      id: '1',
      figure: 'start-up with no session stored: work in the second after activation',
      value: costly.join(', ') || 'none',
      baseline: '',
      ratio: '',
      budget: 'nothing costly',
      ok: !fresh.undiciLoadedOneSecondLater && timers.length === 0,
      details: [
        'A fresh profile, activated by VS Code at start-up; for the second after activate() resolved: undici not loaded (so no request), no timer of the extension or its HTTP stack, no SecretStorage call.',
        `SecretStorage calls in that second: ${fresh.secretCallsAfterActivation.map((c) => `${c.op} ${c.key}`).join(', ') || 'none'}; timers: ${fresh.liveTimersAfterOneSecond.map((t) => `${t.origin} ${t.kind} ${t.delayMs} ms`).join(', ') || 'none'}`,
      ],
    });
  }
  const events = manifest.activationEvents ?? [];
  lines.push({
    id: '1',
    figure: 'activation events (besides its views, commands and authentication provider)',
    value: events.join(', ') || 'none',
    baseline: '',
    ratio: '',
    budget: 'never *',
    ok: !events.includes('*'),
  });
  return lines;
}

// ---- 2, 3: requests ------------------------------------------------------------------------

function requestLines(result: OverheadResult): Line[] {
  const us = (value: number) => `${(value * 1000).toFixed(0)} µs`;
  const layers = (run: OverheadRun) => [
    `totals: engine ${ms(run.engine.totalMs, 0)}, undici ${ms(run.raw.totalMs, 0)} (ratio ${fixed(run.ratioTotal)}); p90: engine ${us(run.engine.p90Ms)}, undici ${us(run.raw.p90Ms)}`,
    `by layer (median per request): undici.request ${us(run.raw.medianMs)} → UndiciHttpDispatcher.send ${us(run.http.medianMs)} (${signedUs(run.http.medianMs - run.raw.medianMs)}) → SugarClient.request ${us(run.client.medianMs)} (${signedUs(run.client.medianMs - run.http.medianMs)}) → SessionEngine.request ${us(run.engine.medianMs)} (${signedUs(run.engine.medianMs - run.client.medianMs)})`,
  ];
  const local = result.inProcess;
  return [
    {
      id: '2',
      figure: `request overhead: ${result.requests} sequential GET /ping through the session engine, simulator in its own process, median per request`,
      value: us(result.engine.medianMs),
      baseline: `${us(result.raw.medianMs)} (undici.request)`,
      ratio: fixed(result.ratioMedian),
      budget: `≤ ${BUDGET.requestRatio.toFixed(2)}`,
      ok: result.ratioMedian <= BUDGET.requestRatio,
      details: layers(result),
    },
    {
      id: '2',
      figure: 'request overhead, the same with the simulator in the bench process (its work shares the thread): information',
      value: us(local.engine.medianMs),
      baseline: `${us(local.raw.medianMs)} (undici.request)`,
      ratio: fixed(local.ratioMedian),
      budget: '',
      details: layers(local),
    },
    {
      id: '2',
      figure: `our own work per request, without a socket: engine and client over a dispatcher that answers at once (${result.ownWork.requests.toLocaleString('en')} requests): information`,
      value: `${result.ownWork.engineUs.toFixed(2)} µs`,
      baseline: `client alone ${result.ownWork.clientUs.toFixed(2)} µs`,
      ratio: '',
      budget: '',
    },
  ];
}

function signedUs(valueMs: number): string {
  const micros = Math.round(valueMs * 1000);
  return `${micros < 0 ? '−' : '+'}${Math.abs(micros)} µs`;
}

function concurrencyLines(result: ConcurrencyResult): Line[] {
  const refreshOk = result.refreshesIssued.every((n) => n === 1);
  const rejected = result.refreshesRejected.reduce((a, b) => a + b, 0);
  return [
    {
      id: '3',
      figure: `concurrency: ${result.requests} concurrent requests on an expired access token, median of ${result.rounds} rounds`,
      value: ms(result.expiredMedianMs, 0),
      baseline: `${ms(result.validMedianMs, 0)} (on a valid token)`,
      ratio: fixed(result.ratio),
      budget: `≤ ${BUDGET.concurrencyRatio.toFixed(2)}`,
      ok: result.ratio <= BUDGET.concurrencyRatio,
      details: [`rounds: expired ${result.expiredMs.map((v) => v.toFixed(0)).join(', ')} ms; valid ${result.validMs.map((v) => v.toFixed(0)).join(', ')} ms`],
    },
    {
      id: '3',
      figure: 'refreshes the simulator issued per expired round',
      value: result.refreshesIssued.join(', '),
      baseline: '',
      ratio: '',
      budget: 'exactly 1',
      ok: refreshOk,
    },
    {
      id: '3',
      figure: 'requests rejected (and refreshes the simulator refused)',
      value: `${result.failed} (${rejected})`,
      baseline: '',
      ratio: '',
      budget: '0 (0)',
      ok: result.failed === 0 && rejected === 0,
      details: result.failures,
    },
  ];
}

// ---- 4: scale ------------------------------------------------------------------------------

function scaleLines(run: ScaleRun): Line[] {
  const a = run.answer;
  if (!a) return [failedLine('4', 'scale of connections', `≤ ${BUDGET.treeMs} ms`, run.error ?? 'no answer from the host')];
  const builds = [a.firstBuildMs, ...a.buildsMs];
  const buildMedian = median(builds);
  const timers = a.liveTimers.filter((t) => t.origin !== 'vscode');
  const summarize = (list: typeof a.liveTimers, origin: string) => {
    const counts = new Map<string, number>();
    for (const t of list.filter((t) => t.origin === origin)) counts.set(`${t.kind} ${t.delayMs} ms`, (counts.get(`${t.kind} ${t.delayMs} ms`) ?? 0) + 1);
    return [...counts].map(([what, n]) => (n > 1 ? `${n} × ${what}` : what)).join(', ') || 'none';
  };
  const byOrigin = (origin: string) => summarize(a.liveTimers, origin);
  const early = a.timersAfterBuilds.filter((t) => t.origin !== 'vscode');
  const growth = a.heapAfter - a.heapBefore;
  return [
    {
      id: '4',
      figure: `whole tree (${a.nodes} nodes: getChildren + getTreeItem each), ${a.connections} connections, ${a.loggedIn} logged in, median of ${builds.length} builds`,
      value: ms(buildMedian, 1),
      baseline: `first build ${ms(a.firstBuildMs, 1)}`,
      ratio: '',
      budget: `≤ ${BUDGET.treeMs} ms`,
      ok: buildMedian <= BUDGET.treeMs,
      details: [
        `builds${a.profileWritten ? ' (all but the first under the CPU profiler: slower)' : ''}: ${builds.map((v) => v.toFixed(1)).join(', ')} ms; nodes by kind: ${Object.entries(a.nodesByKind).map(([k, n]) => `${k} ${n}`).join(', ')} (API nodes are not expanded: their children are a request for /help)`,
        ...(a.profileWritten ? [`CPU profile of the repeated builds: ${a.profileWritten}`] : ['for the functions that cost it: npm run compile-tests && node esbuild.js && node out/scripts/bench/index.js --only scale --no-build --profile-tree']),
      ],
    },
    {
      id: '4',
      figure: 'timers running, set by the extension and its HTTP stack (at rest, 4.5 s after the last build)',
      value: String(timers.length),
      baseline: '',
      ratio: '',
      budget: `≤ ${BUDGET.timers}`,
      ok: timers.length <= BUDGET.timers,
      details: [
        `extension: ${byOrigin('extension')}; undici: ${byOrigin('undici')}; set by VS Code for it (e.g. a tree view's refresh debounce): ${byOrigin('vscode')}`,
        `AbortSignal.timeout() timers still pending (one per request, Node-internal): ${a.timeoutSignalsPending}; ref'd Timeout resources of the whole host: ${a.activeTimeoutResourcesBefore} before, ${a.activeTimeoutResourcesAfter} after`,
      ],
    },
    {
      id: '4',
      figure: 'timers right after the builds (the start-up requests\' sockets still open)',
      value: String(early.length),
      baseline: '',
      ratio: '',
      budget: '',
      details: [`extension: ${summarize(a.timersAfterBuilds, 'extension')}; undici: ${summarize(a.timersAfterBuilds, 'undici')} (an idle keep-alive socket holds one)`],
    },
    {
      id: '4',
      figure: `heap growth: ${a.connections} connections stored, ${a.loggedIn} sessions loaded, the tree built${a.gcAvailable ? ' (after gc)' : ' (NO gc available: upper bound)'}`,
      value: mb(growth),
      baseline: `${mb(a.heapBefore)} before`,
      ratio: fixed(a.heapAfter / a.heapBefore),
      budget: `≤ ${mb(BUDGET.heapGrowthBytes)}`,
      ok: growth <= BUDGET.heapGrowthBytes,
    },
    {
      id: '4',
      figure: `reading every session, as each start-up does (${a.connections} connections)`,
      value: ms(a.loadSessionsMs, 0),
      baseline: '',
      ratio: '',
      budget: '',
      details: [
        `SecretStorage calls of the extension from then on: get ${a.secretCalls.get}, store ${a.secretCalls.store}, delete ${a.secretCalls.delete}`,
        `requests the extension sent (the version probe, server info per loaded session, ...): ${Object.entries(run.extensionRequests ?? {}).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
        `writing the stored state (bench setup): ${ms(a.storeMs, 0)}`,
      ],
    },
  ];
}

// ---- 5: package ----------------------------------------------------------------------------

function packageLines(result: PackageResult): Line[] {
  if (result.error) return [failedLine('5', 'package (.vsix)', `≤ ${kb(BUDGET.vsixBytes)}`, result.error)];
  const entries = [...result.entries].sort((a, b) => b.compressed - a.compressed);
  return [
    {
      id: '5',
      figure: 'package: the .vsix',
      value: kb(result.bytes),
      baseline: '',
      ratio: '',
      budget: `≤ ${kb(BUDGET.vsixBytes)}`,
      ok: result.bytes <= BUDGET.vsixBytes,
      details: [`entries (compressed / size): ${entries.map((e) => `${e.name.replace(/^extension\//, '')} ${kb(e.compressed)} / ${kb(e.size)}`).join(', ')}`, `made with ${result.method}`],
    },
  ];
}

// ---- the table -----------------------------------------------------------------------------

function printTable(lines: Line[], verbose: boolean): void {
  const status = (line: Line) => (line.ok === undefined ? 'info' : line.ok ? 'ok' : 'BROKEN');
  const rows = [['#', 'figure', 'value', 'baseline', 'ratio', 'budget', ''], ...lines.map((l) => [l.id, l.figure, l.value, l.baseline, l.ratio, l.budget, status(l)])];
  const widths = rows[0].map((_, c) => Math.min(c === 1 ? 70 : c === 3 ? 44 : 40, Math.max(...rows.map((r) => r[c].length))));
  const cell = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  console.log('');
  for (const row of rows) console.log(row.map((text, c) => cell(text, widths[c])).join('  ').trimEnd());
  console.log('');
  for (const line of lines) {
    if (!line.details?.length || (line.ok !== false && !verbose)) continue;
    console.log(`${line.ok === false ? 'BROKEN' : line.ok ? 'ok' : 'info'} ${line.id} ${line.figure}: ${line.value}`);
    for (const detail of line.details) console.log(`    ${detail}`);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const host = machine();
  console.log(`bench: ${host.cpus} CPUs (${host.cpuModel}), ${mb(host.memoryBytes)}, Node ${host.node} (the bench), VS Code ${host.vscode ?? '?'} in code-server ${host.codeServer ?? '?'}, load average ${host.loadAverageAtStart.map((v) => v.toFixed(2)).join(' ')}`);
  if (os.loadavg()[0] > host.cpus) console.log(`note: the machine is busy (load average ${os.loadavg()[0].toFixed(2)} on ${host.cpus} CPUs): timings will be noisy`);
  const lines: Line[] = [];
  const results: Record<string, unknown> = { machine: host, budget: BUDGET, startedAt: new Date(started).toISOString() };
  const progress = (text: string) => console.log(`  ${text}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { activationEvents?: string[] };

  // One production build, copied at once: every figure below is taken from it.
  let extensionDir = '';
  let bundle: BundleResult | undefined;
  const needsBuild = args.parts.has('activation') || args.parts.has('scale') || args.parts.has('package');
  if (needsBuild) {
    const snapshot = buildAndSnapshot(args.build);
    if (snapshot.error) {
      console.log(snapshot.error);
      lines.push(failedLine('1', 'the production build', '', snapshot.error));
    } else {
      extensionDir = snapshot.dir;
      bundle = await bundleComposition(extensionDir);
      results.bundle = bundle;
      console.log(`measuring ${snapshot.built ? 'a fresh production build' : 'dist/ as it is (--no-build)'}: dist/extension.js ${kb(bundle.extensionBytes)}${bundle.production ? '' : ' (NOT minified: not a production build)'}, dist/undici.js ${kb(bundle.undiciBytes)}`);
    }
  }

  try {
    if (args.parts.has('request')) {
      console.log('2 request overhead…');
      try {
        const result = await requestOverhead();
        results.request = result;
        lines.push(...requestLines(result));
      } catch (error) {
        lines.push(failedLine('2', 'request overhead', `≤ ${BUDGET.requestRatio}`, (error as Error).stack ?? String(error)));
      }
    }
    if (args.parts.has('concurrency')) {
      console.log('3 concurrency (in this process)…');
      try {
        const result = await concurrency();
        results.concurrency = result;
        lines.push(...concurrencyLines(result));
      } catch (error) {
        lines.push(failedLine('3', 'concurrency', `≤ ${BUDGET.concurrencyRatio}`, (error as Error).stack ?? String(error)));
      }
    }
    if (args.parts.has('answer')) {
      console.log('6 answer memory (a child process)…');
      try {
        lines.push(...(await answerMemoryLines()));
      } catch (error) {
        lines.push(failedLine('6', 'answer memory', `≤ ${mb(ANSWER_MEMORY_BUDGET_BYTES)}`, (error as Error).stack ?? String(error)));
      }
    }
    if (extensionDir && (args.parts.has('activation') || args.parts.has('scale'))) {
      const missing = checkPrerequisites(extensionDir);
      if (missing) {
        if (args.parts.has('activation')) lines.unshift(failedLine('1', 'activation', `≤ ${BUDGET.activationMs} ms`, missing));
        if (args.parts.has('scale')) lines.push(failedLine('4', 'scale of connections', `≤ ${BUDGET.treeMs} ms`, missing));
      } else {
        ensureHost(progress);
        if (args.parts.has('activation')) {
          console.log(`1 activation (extension host: 1 fresh start + ${args.starts} restarts${args.profileActivation ? ' + 1 profiled' : ''})…`);
          const profile = args.profileActivation ? path.join(projectRoot, 'test-output', 'bench', 'activation.cpuprofile') : undefined;
          const run = await runActivation(extensionDir, args.starts, args.verbose, progress, profile);
          results.activation = run;
          lines.unshift(...activationLines(run, bundle, manifest));
          if (profile && fs.existsSync(profile)) for (const text of topFunctions(profile, 'loading and activating')) progress(text);
        }
        if (args.parts.has('scale')) {
          console.log('4 scale of connections (extension host)…');
          const profile = args.profileTree ? path.join(projectRoot, 'test-output', 'bench', 'tree.cpuprofile') : undefined;
          const run = await runScale(extensionDir, 1000, 200, args.verbose, profile);
          results.scale = run;
          lines.push(...scaleLines(run));
          if (profile && fs.existsSync(profile)) for (const text of topFunctions(profile, 'tree builds')) progress(text);
        }
      }
    }
    if (args.parts.has('parsers')) {
      console.log('6 parsers (in this process)…');
      const result = parserBench();
      results.parsers = result;
      lines.push(...parserLines(result, BUDGET.parserMs));
    }
    if (args.parts.has('schema')) {
      console.log('8 schema index and completion (in this process)…');
      try {
        const result = await schemaBench(progress);
        results.schema = { ...result, completionMs: undefined };
        lines.push(...schemaLines(result));
      } catch (error) {
        lines.push(failedLine('8', 'schema index and completion', '', (error as Error).stack ?? String(error)));
      }
    }
    if (args.parts.has('modules')) {
      console.log('9 modules (in this process, the simulator\'s large instance)…');
      try {
        const result = await modulesBench();
        results.modules = result;
        lines.push(...modulesLines(result, BUDGET.modulesNodeMs));
      } catch (error) {
        lines.push(failedLine('9', 'Modules node of the large instance', `≤ ${BUDGET.modulesNodeMs} ms`, (error as Error).stack ?? String(error)));
      }
    }
    if (extensionDir && args.parts.has('package')) {
      console.log('5 package…');
      const result = packageVsix(extensionDir);
      results.package = result;
      lines.push(...packageLines(result));
    }
  } finally {
    if (extensionDir) fs.rmSync(extensionDir, { recursive: true, force: true });
  }

  const order = (line: Line) => Number(line.id);
  lines.sort((a, b) => order(a) - order(b));
  printTable(lines, args.verbose);
  const broken = lines.filter((l) => l.ok === false);
  results.lines = lines;
  results.broken = broken.map((l) => `${l.id} ${l.figure}`);
  results.durationMs = Date.now() - started;
  (results.machine as { loadAverageAtEnd?: number[] }).loadAverageAtEnd = os.loadavg();
  const out = path.join(projectRoot, 'test-output', 'bench', 'results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`${broken.length ? `${broken.length} budget(s) broken` : 'every budget kept'}; ${path.relative(process.cwd(), out)}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return broken.length ? 1 : 0;
}

/** The functions with the most self time in a CPU profile (names only mean something in a dev build: --no-build). */
function topFunctions(file: string, what: string): string[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] };
  const time = new Map<number, number>();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = time.get(node.id) ?? 0;
    total += t;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + t);
  }
  return [`${what}, self time (${path.relative(projectRoot, file)}):`, ...[...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([key, t]) => `  ${((t / total) * 100).toFixed(1).padStart(5)}%  ${key}`)];
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
