import vscode = require('vscode');
import { nextCountdownChange } from '../../core/presentation/countdown';
import { countsDown, describeSession } from '../../core/presentation/sessionText';
import type { TimedView } from '../../core/presentation/ticker';
import type { Services } from '../services';
import { lazy } from '../../lazyLoader';
import { Disposable } from '../lifecycle';
import { connectionChildren, connectionItem, detailItem, problemItem, sudoItem } from './connectionItems';
import { apiItem, endpointGroupItem, endpointItem, historyEntryItem, historyItem } from './exploreItems';
import { describeServer } from '../explore/serverInfo';
import { ApiNode, ConnectionNode, EndpointGroupNode, EndpointNode, HistoryEntryNode, HistoryNode, ProblemNode, SudoNode, TreeNode } from './nodes';
import { ModulesNode } from './moduleNodes';
import { modulesItem } from './modulesItem';
import type { ModuleTree } from './moduleTree';
import { hasTokens, parseSessionRef } from '../../core/session/sessionState';

/**
 * The Connections view. Nodes are kept per connection id so that a state change refreshes only
 * that connection's row (and its children), never the whole tree.
 */
export class ConnectionsTree extends Disposable implements vscode.TreeDataProvider<TreeNode>, TimedView {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, ConnectionNode>();
  /** The description each row showed last, so a tick refreshes only rows whose text changed. */
  private readonly shown = new Map<string, string>();
  private readonly endpointCounts = new Map<string, number>();
  private readonly fixedNodes = new Map<string, ApiNode | HistoryNode | ModulesNode>();
  /** The sudo rows last shown, so that a Modules node below one has its parent (for reveal). */
  private readonly sudoNodes = new Map<string, SudoNode>();
  /** Made (behind the lazy seam) when a Modules node is first expanded. */
  private moduleTree: ModuleTree | undefined;
  /** Set by the composition root once the view exists: a field's row can be revealed. */
  reveal: ((node: TreeNode, options: { select?: boolean; focus?: boolean; expand?: boolean }) => Thenable<void>) | undefined;

  constructor(private readonly services: Services) {
    super();
    const { engine, profiles, active, explore } = services;
    this._register(
      // The module rows forget an ended session's pages and filters themselves (ModuleTree.sessionChanged).
      engine.onDidChange((state) => this.refreshConnection(state.connectionId)),
    );
    this._register(profiles.onDidChange(() => this.changed.fire(undefined)));
    this._register(active.onDidChange(() => this.changed.fire(undefined)));
    this._register(explore.history.onDidChange((id) => this.refreshConnection(id)));
    this._register(explore.serverInfo.onDidChange((id) => this.refreshConnection(id)));
    this._register(explore.catalog.onDidChange((id) => this.refreshConnection(id)));
    this._register(services.ticker.add(this));
  }

  async getChildren(parent?: TreeNode): Promise<TreeNode[]> {
    if (!parent) return this.rootNodes();
    const { explore } = this.services;
    switch (parent.kind) {
      case 'connection': {
        const state = await this.services.engine.load(parent.id);
        if (hasTokens(state)) explore.serverInfo.request(parent.id);
        const children = connectionChildren(parent.profile, state, this.services.clock.now(), {
          server: this.serverText(parent.id),
          historyCount: explore.history.count(parent.id),
        });
        // VS Code finds a node to refresh by identity: the Modules, API and History rows must stay the same objects.
        return children.map((child) => {
          if (child instanceof SudoNode) this.sudoNodes.set(child.id, child);
          return child instanceof ApiNode || child instanceof HistoryNode || child instanceof ModulesNode ? this.stable(child) : child;
        });
      }
      case 'sudo':
        return [this.stable(new ModulesNode(parent.connectionId, parent.sudo.id))];
      case 'modules':
      case 'module':
      case 'moduleSection':
      case 'field':
        return this.modules().children(parent);
      case 'api':
        try {
          const endpoints = await explore.catalog.list(parent.connectionId);
          if (this.endpointCounts.get(parent.connectionId) !== endpoints.length) {
            this.endpointCounts.set(parent.connectionId, endpoints.length);
            // The row's own description ("N endpoints") changes once its children are known.
            setTimeout(() => this.changed.fire(parent), 0);
          }
          return lazy().groupEndpoints(endpoints).map(({ group, endpoints: inGroup }) => new EndpointGroupNode(parent.connectionId, group, inGroup));
        } catch (error) {
          // A tree provider explains in the tree; a popup from here would fire on every expand.
          return [new ProblemNode(parent.connectionId, error instanceof Error ? error.message : String(error))];
        }
      case 'endpointGroup':
        return parent.endpoints.map((endpoint) => new EndpointNode(parent.connectionId, endpoint));
      case 'history':
        return explore.history.entries(parent.connectionId).map((entry) => new HistoryEntryNode(parent.connectionId, entry));
      default:
        return [];
    }
  }

  private stable<T extends ApiNode | HistoryNode | ModulesNode>(node: T): T {
    const key = `${node.kind}:${node instanceof ModulesNode ? node.sessionId : node.connectionId}`;
    const known = this.fixedNodes.get(key);
    if (known) return known as T;
    this.fixedNodes.set(key, node);
    return node;
  }

  private serverText(connectionId: string): string | undefined {
    const info = this.services.explore.serverInfo.get(connectionId);
    return info ? describeServer(info) : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const now = this.services.clock.now();
    switch (node.kind) {
      case 'connection': {
        const state = this.services.engine.state(node.id);
        const item = connectionItem(node, state, now, node.id === this.services.active.id, this.serverText(node.id));
        this.shown.set(node.id, String(item.description));
        return item;
      }
      case 'detail':
        return detailItem(node);
      case 'sudo':
        return sudoItem(node, now);
      case 'problem':
        return problemItem(node);
      case 'api':
        return apiItem(node, this.endpointCounts.get(node.connectionId));
      case 'endpointGroup':
        return endpointGroupItem(node);
      case 'endpoint':
        return endpointItem(node);
      case 'history':
        return historyItem(node, this.services.explore.history.count(node.connectionId));
      case 'historyEntry':
        return historyEntryItem(node, now, this.services.explore.history.lastResponse(node.entry.id) !== undefined);
      case 'modules':
        return modulesItem(node, this.moduleTree?.moduleCount(node.sessionId));
      default:
        return this.modules().item(node);
    }
  }

  /** The module rows' drawing and loading, made on first use. */
  private modules(): ModuleTree {
    if (!this.moduleTree) {
      this.moduleTree = lazy().moduleTreeFor(this.services);
      this.moduleTree.attach({ changed: (node) => this.changed.fire(node), reveal: (node, options) => this.reveal?.(node, options) ?? Promise.resolve() });
    }
    return this.moduleTree;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'connection') return undefined;
    if ('parent' in node) return node.parent;
    if (node instanceof ModulesNode && node.sessionId !== node.connectionId) return this.sudoNodes.get(node.sessionId) ?? this.nodes.get(node.connectionId);
    return this.nodes.get(node.connectionId);
  }

  /** The node of a connection, for reveal() and for commands that got an id. */
  node(connectionId: string): ConnectionNode | undefined {
    return this.nodes.get(connectionId);
  }

  /** A module's Records row of a session (its Modules row the one the view shows), for reveal(). */
  async recordsNode(sessionId: string, module: string): Promise<TreeNode | undefined> {
    const parent = await this.nodeOf(sessionId);
    if (parent instanceof SudoNode) this.sudoNodes.set(parent.id, parent);
    return parent && this.modules().recordsNode(this.stable(new ModulesNode(parseSessionRef(sessionId).connectionId, sessionId)), module);
  }

  /** The node of a connection or of one of its sudo sessions, reading the rows when the view has not yet. */
  async nodeOf(sessionId: string): Promise<ConnectionNode | SudoNode | undefined> {
    const { connectionId, sudoUser } = parseSessionRef(sessionId);
    if (!this.nodes.has(connectionId)) await this.rootNodes();
    const parent = this.nodes.get(connectionId);
    if (!parent || sudoUser === undefined) return parent;
    const sudo = (await this.services.engine.load(connectionId)).sudo.find((s) => s.id === sessionId);
    return sudo && new SudoNode(connectionId, sudo);
  }

  nextChangeAt(now: number): number | undefined {
    let earliest: number | undefined;
    for (const id of this.nodes.keys()) {
      const state = this.services.engine.state(id);
      if (!countsDown(state)) continue;
      const at = nextCountdownChange(state.accessExpiresAt!, now);
      if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
    }
    return earliest;
  }

  onTick(now: number): void {
    for (const [id, node] of this.nodes) {
      const state = this.services.engine.state(id);
      const text = describeSession(state, now, { tlsUnverified: !node.profile.tls.verify });
      if (this.shown.get(id) !== text) this.changed.fire(node);
    }
  }

  private async rootNodes(): Promise<Array<ConnectionNode | ProblemNode>> {
    const profiles = await this.services.profiles.list();
    // A locked keyring: say so in the view (a refresh tries again) rather than show no connections.
    const problem = this.services.profiles.readProblem();
    if (problem && profiles.length === 0) return [new ProblemNode('secret-store', `${problem} Unlock it, then reload the window.`)];
    const seen = new Set<string>();
    const nodes = profiles.map((profile) => {
      seen.add(profile.id);
      let node = this.nodes.get(profile.id);
      if (node) node.profile = profile;
      else {
        node = new ConnectionNode(profile);
        this.nodes.set(profile.id, node);
      }
      if (!this.services.engine.isLoaded(profile.id)) void this.services.engine.load(profile.id);
      return node;
    });
    for (const id of [...this.nodes.keys()]) if (!seen.has(id)) this.nodes.delete(id);
    // The rows now shown are the tree's countdowns: the shared timer must know them.
    this.services.ticker.reschedule();
    return nodes;
  }

  private refreshConnection(connectionId: string): void {
    const node = this.nodes.get(connectionId);
    if (node) this.changed.fire(node);
  }
}
