import vscode = require('vscode');
import { requestTests } from '../../core/testing/testFiles';
import type { Services } from '../services';
import type { TestTree } from './testTree';

export interface TestRunContext {
  controller: vscode.TestController;
  tree: TestTree;
  services: Services;
}

/** The chosen tests of one file, in file order; `only` undefined means all of its requests. */
interface FileRun {
  file: vscode.TestItem;
  chosen: Set<string> | undefined;
}

/** The files and requests a run request asks for, the excluded ones left out. */
function chosenFiles(controller: vscode.TestController, request: vscode.TestRunRequest): FileRun[] {
  const excluded = new Set((request.exclude ?? []).map((item) => item.id));
  const byFile = new Map<string, FileRun>();
  const roots: vscode.TestItem[] = [];
  if (request.include) roots.push(...request.include);
  else controller.items.forEach((item) => void roots.push(item));
  for (const item of roots) {
    if (excluded.has(item.id)) continue;
    const file = item.parent ?? item;
    const entry = byFile.get(file.id) ?? { file, chosen: new Set<string>() };
    byFile.set(file.id, entry);
    if (item.parent) entry.chosen?.add(item.id);
    else entry.chosen = undefined;
  }
  for (const entry of byFile.values()) {
    if (entry.chosen === undefined && [...excluded].some((id) => entry.file.children.get(id))) {
      entry.chosen = new Set();
      entry.file.children.forEach((child) => void (!excluded.has(child.id) && entry.chosen!.add(child.id)));
    }
  }
  return [...byFile.values()];
}

/** Runs the chosen requests, file after file; cancelling aborts the request in flight and skips the rest. */
export async function runTests(context: TestRunContext, request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<void> {
  if (!request.include) await context.tree.discoverAll();
  const files = chosenFiles(context.controller, request);
  const run = context.controller.createTestRun(request);
  const abort = new AbortController();
  const cancelled = token.onCancellationRequested(() => abort.abort());
  try {
    for (const { file, chosen } of files) {
      const items: vscode.TestItem[] = [];
      file.children.forEach((child) => void ((!chosen || chosen.has(child.id)) && items.push(child)));
      for (const item of items) run.enqueued(item);
      if (abort.signal.aborted) {
        for (const item of items) run.skipped(item);
        continue;
      }
      const text = file.uri ? await context.tree.textOf(file.uri) : undefined;
      const tests = text === undefined ? undefined : requestTests(text);
      for (const item of items) {
        const test = tests?.find((t) => t.id === item.id);
        if (!test) run.errored(item, new vscode.TestMessage('This request is no longer in the file (or the file could not be read): run the tests again.'));
        else run.errored(item, new vscode.TestMessage(`Not built yet (${debug ? 'debug' : 'run'}).`));
      }
    }
  } finally {
    cancelled.dispose();
    run.end();
  }
}
