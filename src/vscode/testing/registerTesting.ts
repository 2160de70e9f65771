import vscode = require('vscode');
import { lazy } from '../../lazyLoader';
import type { Services } from '../services';

/** What the lazy side (sugarTesting.ts) does for the controller. */
export interface SugarTesting extends vscode.Disposable {
  /** `undefined`: the whole workspace (VS Code asks when the Testing view shows or a run needs it). */
  resolve(item: vscode.TestItem | undefined): Promise<void>;
  /** The Testing view's Refresh: the workspace scanned again. */
  refresh(): Promise<void>;
  run(request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<void>;
}

export const TEST_CONTROLLER_ID = 'sugar';
export const DEBUG_PROFILE_LABEL = 'Debug (open each response in its tab, log each request)';

/**
 * The Testing view's controller for `.sugar` files with assertions. Only the controller and its
 * two profiles exist after activation: nothing is scanned, parsed or loaded until the Testing view
 * (or a run) asks, through `resolveHandler`.
 */
export function registerTesting(services: Services): vscode.Disposable {
  const controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'Sugar Requests');
  let testing: SugarTesting | undefined;
  const load = (): SugarTesting => (testing ??= lazy().sugarTesting(controller, services));
  controller.resolveHandler = (item) => load().resolve(item);
  controller.refreshHandler = () => load().refresh();
  const run = controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => load().run(request, token, false), true);
  const debug = controller.createRunProfile(DEBUG_PROFILE_LABEL, vscode.TestRunProfileKind.Debug, (request, token) => load().run(request, token, true), true);
  return new vscode.Disposable(() => {
    testing?.dispose();
    run.dispose();
    debug.dispose();
    controller.dispose();
  });
}
