/**
 * The rows under a session's Modules node (issue 12 §2): modules, then Fields (with dropdown
 * values), Links and Records (first page, Load More, the count). Behind the lazy seam: nothing
 * here loads, and nothing is fetched, until a Modules node is expanded. Nodes are kept, so that
 * a refresh finds them by identity and reveal() can walk up from a field to its connection.
 */
import vscode = require('vscode');
import { moduleRows } from '../../core/schema/moduleView';
import type { RecordFilter } from '../../core/schema/recordFilter';
import { RecordList, titleField } from '../../core/schema/recordPages';
import type { SchemaIndex } from '../../core/schema/schemaIndex';
import { hasTokens, parseSessionRef, type SessionState } from '../../core/session/sessionState';
import { isCancellation } from '../../core/sugar/errors';
import { withAbortSignal } from '../commands/commandRunner';
import type { Services } from '../services';
import type { ModulesNode, ModuleTreeNode } from './moduleNodes';
import { modulePath, moduleTreeItem } from './moduleItems';
import { FieldNode, LinkNode, LoadMoreNode, ModuleNode, ModuleSectionNode, OptionNode, RecordNode } from './moduleRowNodes';
import { ProblemNode, type TreeNode } from './nodes';

export interface ModuleTreeHooks {
  /** Redraw a row and its children. */
  changed(node: TreeNode): void;
  reveal?(node: TreeNode, options: { select?: boolean; focus?: boolean; expand?: boolean }): Thenable<void>;
}

const SECTIONS = ['fields', 'links', 'records'] as const;
/** VS Code batches a tree's redraws for 200 ms: after this long, those asked for have landed. */
const REDRAWS_LAND_MS = 350;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class ModuleTree {
  private hooks: ModuleTreeHooks | undefined;
  private readonly moduleNodes = new Map<string, ModuleNode[]>();
  private readonly sections = new WeakMap<ModuleNode, ModuleSectionNode[]>();
  private readonly kept = new WeakMap<ModuleSectionNode | FieldNode, TreeNode[]>();
  private readonly lists = new Map<string, RecordList>();

  constructor(private readonly services: Services) {
    // Its own listener, not the view's: a filter set from the palette before the Modules row was
    // ever drawn must still go with the session.
    services.context.subscriptions.push(services.engine.onDidChange((state) => this.sessionChanged(state)));
  }

  attach(hooks: ModuleTreeHooks): void {
    this.hooks = hooks;
  }

  /** How many modules a session's Modules row counts, once they are known. */
  moduleCount(sessionId: string): number | undefined {
    return this.moduleNodes.get(sessionId)?.length;
  }

  /** The index, with a cancellable notification when it must be read (or revalidated). */
  async index(sessionId: string): Promise<SchemaIndex> {
    const known = await this.services.schema.peek(sessionId);
    if (known) return known;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "Reading the instance's modules (/metadata)…", cancellable: true },
      (_progress, token) => withAbortSignal(token, (signal) => this.services.schema.index(sessionId, signal)),
    );
  }

  async children(node: ModuleTreeNode): Promise<TreeNode[]> {
    try {
      switch (node.kind) {
        case 'modules':
          return await this.modules(node);
        case 'module':
          return this.sectionsOf(node);
        case 'moduleSection':
          return await this.sectionChildren(node);
        case 'field':
          return this.keep(node, () => (node.field.options ?? []).map((option, i) => new OptionNode(node, option, i)));
        default:
          return [];
      }
    } catch (error) {
      // A tree provider explains in the tree: a popup from here would fire on every expand.
      const text = isCancellation(error) || error instanceof vscode.CancellationError ? 'Cancelled. Reload (↻) to try again.' : `${message(error)} Reload (↻) to try again.`;
      return [new ProblemNode(node.connectionId, text, 'error', `modules/${modulePath(node)}`)];
    }
  }


  private async modules(node: ModulesNode): Promise<ModuleNode[]> {
    const index = await this.index(node.sessionId);
    const known = this.moduleNodes.get(node.sessionId);
    if (known && known[0]?.parent === node) return known;
    const hadCount = known !== undefined;
    const nodes = moduleRows(index).map((row) => new ModuleNode(node, row.name, row));
    this.moduleNodes.set(node.sessionId, nodes);
    // The Modules row's own description ("N modules") changes once its children are known.
    if (!hadCount) setTimeout(() => this.hooks?.changed(node), 0);
    return nodes;
  }

  private sectionsOf(node: ModuleNode): ModuleSectionNode[] {
    let sections = this.sections.get(node);
    if (!sections) {
      sections = SECTIONS.map((section) => new ModuleSectionNode(node, section));
      this.sections.set(node, sections);
    }
    return sections;
  }

  private keep(node: ModuleSectionNode | FieldNode, make: () => TreeNode[]): TreeNode[] {
    let children = this.kept.get(node);
    if (!children) {
      children = make();
      this.kept.set(node, children);
    }
    return children;
  }

  private async sectionChildren(node: ModuleSectionNode): Promise<TreeNode[]> {
    if (node.section === 'records') return this.records(node);
    const module = (await this.index(node.sessionId)).module(node.module);
    if (!module) return [new ProblemNode(node.connectionId, `The metadata no longer has the module ${node.module}.`, 'warning', `modules/${modulePath(node)}`)];
    return this.keep(node, () => (node.section === 'fields' ? module.fields.map((field) => new FieldNode(node, field)) : module.links.map((link) => new LinkNode(node, link))));
  }

  /** A module's record list, kept per session and module (Load More adds to it). */
  list(sessionId: string, module: string, index?: SchemaIndex): RecordList {
    const key = `${sessionId}\n${module}`;
    let list = this.lists.get(key);
    if (!list) {
      list = new RecordList(module, titleField(index?.module(module)), (request, signal) => this.services.engine.request(sessionId, request, signal));
      this.lists.set(key, list);
    }
    return list;
  }

  private async records(node: ModuleSectionNode): Promise<TreeNode[]> {
    const list = this.list(node.sessionId, node.module, await this.services.schema.peek(node.sessionId));
    if (!list.loaded) {
      await vscode.window.withProgress({ location: { viewId: 'sugar.connections' } }, () => list.loadFirst());
      // The Records row's description shows the count.
      setTimeout(() => this.hooks?.changed(node), 0);
    }
    const rows: TreeNode[] = list.records.map((record) => new RecordNode(node, record));
    if (list.hasMore) rows.push(new LoadMoreNode(node));
    if (list.capped) rows.push(new ProblemNode(node.connectionId, `The tree shows the first ${list.records.length} records; Filter Records… narrows them down.`, 'warning', `modules/${modulePath(node)}/capped`));
    if (rows.length === 0) rows.push(new ProblemNode(node.connectionId, list.filter ? 'No record matches the filter.' : 'No records this user may see.', 'warning', `modules/${modulePath(node)}/empty`));
    return rows;
  }

  /** Load More: the next page, then the Records row redrawn (its rows and its description). */
  async loadMore(node: ModuleSectionNode): Promise<void> {
    const list = this.list(node.sessionId, node.module);
    await vscode.window.withProgress({ location: { viewId: 'sugar.connections' } }, () => list.loadMore());
    this.hooks?.changed(node);
  }

  /** Reload (↻): the metadata revalidated, or the records read again from the first page. */
  async reload(node: ModulesNode | ModuleSectionNode): Promise<void> {
    if (node.kind === 'moduleSection') {
      this.list(node.sessionId, node.module).reset();
    } else {
      await this.services.schema.invalidate(node.sessionId);
      this.moduleNodes.delete(node.sessionId);
    }
    this.hooks?.changed(node);
  }

  /**
   * A session changed: a logout (or a new login) drops the connection's rows, record pages and
   * filters; a sudo session that ended drops its own. The schema service keeps its own cache.
   */
  sessionChanged(state: SessionState): void {
    const { connectionId } = state;
    if (!hasTokens(state) || state.activity === 'login') return this.forget((sessionId) => parseSessionRef(sessionId).connectionId === connectionId);
    const live = new Set(state.sudo.map((sudo) => sudo.id));
    this.forget((sessionId) => {
      const ref = parseSessionRef(sessionId);
      return ref.connectionId === connectionId && ref.sudoUser !== undefined && !live.has(sessionId);
    });
  }

  private forget(mine: (sessionId: string) => boolean): void {
    for (const sessionId of [...this.moduleNodes.keys()]) if (mine(sessionId)) this.moduleNodes.delete(sessionId);
    for (const key of [...this.lists.keys()]) if (mine(key.split('\n')[0])) this.lists.delete(key);
  }

  /**
   * Lists only what `filter` matches below a module's Records row (undefined: every record again).
   * Kept with the record pages, in memory only: it goes with the session (sessionChanged).
   */
  setFilter(sessionId: string, module: string, filter: RecordFilter | undefined, index?: SchemaIndex): RecordList {
    const list = this.list(sessionId, module, index);
    list.setFilter(filter);
    const section = this.knownRecordsNode(sessionId, module);
    if (section) this.hooks?.changed(section);
    return list;
  }

  private knownRecordsNode(sessionId: string, module: string): ModuleSectionNode | undefined {
    const moduleNode = this.moduleNodes.get(sessionId)?.find((m) => m.module === module);
    return moduleNode && this.sectionsOf(moduleNode)[SECTIONS.indexOf('records')];
  }

  /**
   * A module's Records row below a Modules row, made as expanding would make it, for reveal(): its
   * row redrawn first (the count of a list loaded meanwhile). VS Code applies a tree's redraws up
   * to 200 ms late (it batches them), and one that lands during a reveal undoes the reveal's
   * expanding and selecting: so this answers once they have landed.
   */
  async recordsNode(modules: ModulesNode, module: string): Promise<ModuleSectionNode | undefined> {
    const drawn = this.knownRecordsNode(modules.sessionId, module);
    await this.modules(modules);
    const section = this.knownRecordsNode(modules.sessionId, module);
    if (drawn && section === drawn) this.hooks?.changed(section);
    await new Promise((resolve) => setTimeout(resolve, REDRAWS_LAND_MS));
    return section;
  }

  /** The row of a field, for reveal(): only when the module's row is in the tree already. */
  fieldNode(sessionId: string, module: string, field: string): FieldNode | undefined {
    const moduleNode = this.moduleNodes.get(sessionId)?.find((m) => m.module === module);
    if (!moduleNode) return undefined;
    const fields = this.sectionsOf(moduleNode)[0];
    const children = this.kept.get(fields);
    return children?.find((c): c is FieldNode => c instanceof FieldNode && c.field.name === field);
  }

  async reveal(node: TreeNode): Promise<void> {
    await this.hooks?.reveal?.(node, { select: true, focus: true, expand: true });
  }

  /** Makes sure a module's Fields rows exist (so that one can be revealed). */
  async ensureFields(sessionId: string, module: string): Promise<void> {
    const moduleNode = this.moduleNodes.get(sessionId)?.find((m) => m.module === module);
    if (moduleNode) await this.sectionChildren(this.sectionsOf(moduleNode)[0]);
  }

  /** The row of a node, as moduleItems.ts draws it with this tree's record lists. */
  item(node: ModuleTreeNode): vscode.TreeItem {
    return moduleTreeItem(node, {
      list: (sessionId, module) => this.list(sessionId, module),
      peek: (sessionId, module) => this.lists.get(`${sessionId}\n${module}`),
    });
  }
}

const trees = new WeakMap<Services, ModuleTree>();

/** The one ModuleTree of an extension instance: the tree draws with it, the commands act on it. */
export function moduleTreeFor(services: Services): ModuleTree {
  let tree = trees.get(services);
  if (!tree) {
    tree = new ModuleTree(services);
    trees.set(services, tree);
  }
  return tree;
}
