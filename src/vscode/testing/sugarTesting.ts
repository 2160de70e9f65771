import vscode = require('vscode');
import type { Services } from '../services';
import type { SugarTesting } from './registerTesting';
import { runTests } from './testRun';
import { TestTree } from './testTree';

/** The Testing view's lazy side: the tree of request files, and runs of them. */
export function sugarTesting(controller: vscode.TestController, services: Services): SugarTesting {
  const tree = new TestTree(controller, services.log);
  return {
    // File items get their children when they are made: only the workspace is ever resolved.
    resolve: (item) => (item ? Promise.resolve() : tree.discoverAll()),
    refresh: () => tree.rediscover(),
    run: (request, token, debug) => runTests({ controller, tree, services }, request, token, debug),
    dispose: () => tree.dispose(),
  };
}
