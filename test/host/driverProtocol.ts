// The JSON commands a test inside the extension host POSTs to the runner's workbench driver
// (runner/workbenchDriver.ts), and what they answer. Types only.

export type DriverCommand =
  /** innerText of every element matching a CSS selector. */
  | { op: 'texts'; selector: string }
  /** One attribute of every matching element (null where absent). */
  | { op: 'attributes'; selector: string; name: string }
  | { op: 'count'; selector: string }
  /** outerHTML of every matching element (for finding selectors while writing a test). */
  | { op: 'html'; selector: string }
  | { op: 'click'; selector: string; index?: number; button?: 'left' | 'right' | 'middle'; timeoutMs?: number }
  | { op: 'waitFor'; selector: string; state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeoutMs?: number }
  /** Saves a PNG of the page; a relative path lands in the artifacts folder. Answers the absolute path. */
  | { op: 'screenshot'; path: string }
  /** The rendered rows of expanded view panes; `view` (a view's name or id) narrows to one. */
  | { op: 'treeRows'; view?: string }
  | { op: 'statusBar' }
  /** Clicks the activity-bar entry of a view container by its title. */
  | { op: 'openView'; containerTitle: string; timeoutMs?: number }
  /** Playwright key names, e.g. 'Escape', 'Control+Shift+P'. */
  | { op: 'keyboard'; keys: string | string[] }
  | { op: 'type'; text: string }
  /** Puts text on the browser's clipboard (what Ctrl+V in the workbench pastes). */
  | { op: 'clipboard'; text: string }
  | { op: 'wait'; ms: number }
  /**
   * Opens a second workbench window on the same server, folder and extension, without the tests:
   * VS Code refuses every modal dialog in the window that runs extension tests, and shows them in
   * this one. Every later command acts on it until closeWindow.
   */
  | { op: 'openWindow'; timeoutMs?: number }
  /** Closes the second window; commands act on the tests' window again. */
  | { op: 'closeWindow' };

export type DriverAnswer = { ok: true; result: unknown } | { ok: false; error: string };

export interface TreeRow {
  /** Name of the view pane the row is in. */
  view: string;
  label: string;
  description: string;
  ariaLabel: string;
  /** 1 for top-level rows. */
  level: number;
  /** undefined for leaves. */
  expanded: boolean | undefined;
  selected: boolean;
  /** innerText of the whole row. */
  text: string;
}

export interface StatusBarItem {
  /** The item's DOM id: for an extension's item `<publisher>.<name>.<item id>`-like, e.g. status.problems for built-ins. */
  id: string;
  /** innerText (codicons render as empty glyphs, so `$(beaker) Ready` reads ` Ready`). */
  text: string;
  ariaLabel: string;
  left: boolean;
}
