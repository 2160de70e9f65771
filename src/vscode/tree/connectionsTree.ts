import * as vscode from 'vscode';
import { nextCountdownChange } from '../../core/presentation/countdown';
import { countsDown, describeSession } from '../../core/presentation/sessionText';
import type { TimedView } from '../../core/presentation/ticker';
import type { Services } from '../services';
import { connectionChildren, connectionItem, detailItem, problemItem, sudoItem } from './connectionItems';
import { ConnectionNode, TreeNode } from './nodes';

/**
 * The Connections view. Nodes are kept per connection id so that a state change refreshes only
 * that connection's row (and its children), never the whole tree.
 */
export class ConnectionsTree implements vscode.TreeDataProvider<TreeNode>, TimedView, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, ConnectionNode>();
  /** The description each row showed last, so a tick refreshes only rows whose text changed. */
  private readonly shown = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    const { engine, profiles, active } = services;
    this.subscriptions.push(
      this.changed,
      toVsDisposable(engine.onDidChange((state) => this.refreshConnection(state.connectionId))),
      toVsDisposable(profiles.onDidChange(() => this.changed.fire(undefined))),
      active.onDidChange(() => this.changed.fire(undefined)),
      toVsDisposable(services.ticker.add(this)),
    );
  }

  async getChildren(parent?: TreeNode): Promise<TreeNode[]> {
    if (!parent) return this.rootNodes();
    if (parent instanceof ConnectionNode) {
      const state = await this.services.engine.load(parent.id);
      return connectionChildren(parent.profile, state, this.services.clock.now());
    }
    return [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const now = this.services.clock.now();
    switch (node.kind) {
      case 'connection': {
        const state = this.services.engine.state(node.id);
        const item = connectionItem(node, state, now, node.id === this.services.active.id);
        this.shown.set(node.id, String(item.description));
        return item;
      }
      case 'detail':
        return detailItem(node);
      case 'sudo':
        return sudoItem(node, now);
      case 'problem':
        return problemItem(node);
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'connection' ? undefined : this.nodes.get(node.connectionId);
  }

  /** The node of a connection, for reveal() and for commands that got an id. */
  node(connectionId: string): ConnectionNode | undefined {
    return this.nodes.get(connectionId);
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

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async rootNodes(): Promise<ConnectionNode[]> {
    const profiles = await this.services.profiles.list();
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
    return nodes;
  }

  private refreshConnection(connectionId: string): void {
    const node = this.nodes.get(connectionId);
    if (node) this.changed.fire(node);
    this.services.ticker.reschedule();
  }
}

export function toVsDisposable(disposable: { dispose(): unknown }): vscode.Disposable {
  return new vscode.Disposable(() => disposable.dispose());
}
