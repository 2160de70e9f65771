import vscode = require('vscode');
import { runRequestFile, type RequestOutcome } from '../../core/checks/fileRunner';
import { parseFileVariables } from '../../core/explore/fileVariables';
import { parseRequestFile } from '../../core/explore/requestFile';
import { requestsToRun, testsOf, TEST_DISCOVERY_LIMITS } from '../../core/testing/testFiles';
import { outcomeLine, verdictOf } from '../../core/testing/testVerdicts';
import type { Services } from '../services';
import { testSender } from './testSender';
import type { TestTree } from './testTree';

export interface TestRunContext {
  controller: vscode.TestController;
  tree: TestTree;
  services: Services;
}

/** A file of the run and its chosen requests' ids; `chosen` undefined: all of them. */
interface FileRun {
  file: vscode.TestItem;
  chosen: Set<string> | undefined;
}

/** The files and requests a run request asks for, the excluded ones left out. */
function chosenFiles(controller: vscode.TestController, request: vscode.TestRunRequest): FileRun[] {
  const excluded = new Set((request.exclude ?? []).map((item) => item.id));
  const byFile = new Map<string, FileRun>();
  const asked: vscode.TestItem[] = [];
  if (request.include) asked.push(...request.include);
  else controller.items.forEach((item) => void asked.push(item));
  for (const item of asked) {
    const file = item.parent ?? item;
    if (excluded.has(item.id) || excluded.has(file.id)) continue;
    const entry = byFile.get(file.id) ?? { file, chosen: new Set<string>() };
    byFile.set(file.id, entry);
    if (!item.parent) entry.chosen = undefined;
    else entry.chosen?.add(item.id);
  }
  for (const entry of byFile.values()) {
    if (entry.chosen !== undefined) continue;
    // A whole file with some of its requests excluded.
    const kept = new Set<string>();
    entry.file.children.forEach((child) => void (!excluded.has(child.id) && kept.add(child.id)));
    if (kept.size < entry.file.children.size) entry.chosen = kept;
  }
  return [...byFile.values()];
}

const at = (uri: vscode.Uri, line: number): vscode.Location => new vscode.Location(uri, new vscode.Position(line, 0));

/** Reports a request's outcome on its item: its result, its duration, its messages, a line of output. */
function report(run: vscode.TestRun, item: vscode.TestItem, uri: vscode.Uri, outcome: RequestOutcome, services: Services, debug: boolean): void {
  const verdict = verdictOf(outcome);
  switch (verdict.kind) {
    case 'skipped':
      run.skipped(item);
      break;
    case 'passed':
      run.passed(item, verdict.durationMs);
      break;
    case 'errored': {
      const message = new vscode.TestMessage(verdict.message);
      message.location = at(uri, verdict.line);
      run.errored(item, message, verdict.durationMs);
      break;
    }
    case 'failed': {
      const messages = verdict.failures.map((failure) => {
        const message = failure.expected === undefined ? new vscode.TestMessage(failure.message) : vscode.TestMessage.diff(failure.message, failure.expected, failure.actual);
        message.location = at(uri, failure.line);
        return message;
      });
      run.failed(item, messages, verdict.durationMs);
      break;
    }
  }
  const line = outcomeLine(outcome, verdict);
  // Without a location: VS Code would repeat the line beside the request, where the failure already shows.
  run.appendOutput(`${line}\r\n`, undefined, item);
  if (debug) services.log.info(`Testing: ${line}`);
}

/** Runs one file's chosen requests in order (and the ones above that provide their {{variables}}). */
async function runFile(context: TestRunContext, run: vscode.TestRun, { file, chosen }: FileRun, signal: AbortSignal, debug: boolean): Promise<void> {
  const items: vscode.TestItem[] = [];
  file.children.forEach((child) => void ((!chosen || chosen.has(child.id)) && items.push(child)));
  for (const item of items) run.enqueued(item);
  const unreported = new Set(items);
  const fail = (text: string): void => {
    for (const item of unreported) run.errored(item, new vscode.TestMessage(text));
    unreported.clear();
  };
  if (signal.aborted) {
    for (const item of items) run.skipped(item);
    return;
  }
  const uri = file.uri!;
  const text = await context.tree.textOf(uri);
  if (text === undefined) return fail(`The file could not be read: it is gone, or larger than ${TEST_DISCOVERY_LIMITS.maxFileBytes / 1024 / 1024} MB.`);
  const requests = parseRequestFile(text);
  const fileVariables = parseFileVariables(text);
  const tests = testsOf(requests);
  // The file may have changed since its items were made: requests are matched by id.
  const itemOf = new Map<number, vscode.TestItem>();
  for (const test of tests) {
    const item = file.children.get(test.id);
    if (item) itemOf.set(test.index, item);
  }
  const chosenIndexes = tests.filter((test) => unreported.has(itemOf.get(test.index)!)).map((test) => test.index);
  const deps = testSender(context.services, uri, requests, debug, (index) => {
    const item = itemOf.get(index);
    if (item) run.started(item);
  });
  try {
    await runRequestFile(requests, deps, {
      signal,
      fileVariables,
      only: chosen ? requestsToRun(requests, chosenIndexes, fileVariables) : undefined,
      onOutcome: (outcome) => {
        const item = itemOf.get(outcome.index);
        if (!item) return;
        unreported.delete(item);
        report(run, item, uri, outcome, context.services, debug);
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  // Items whose request is no longer in the file.
  fail('This request is no longer in the file as it was listed: run the tests again.');
}

/** Runs the chosen requests, file after file; cancelling aborts the request in flight and skips the rest. */
export async function runTests(context: TestRunContext, request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<void> {
  if (!request.include) await context.tree.discoverAll();
  const run = context.controller.createTestRun(request, debug ? 'Sugar requests (debug)' : 'Sugar requests');
  const abort = new AbortController();
  const cancelled = token.onCancellationRequested(() => abort.abort());
  try {
    for (const entry of chosenFiles(context.controller, request)) await runFile(context, run, entry, abort.signal, debug);
  } finally {
    cancelled.dispose();
    run.end();
  }
}
