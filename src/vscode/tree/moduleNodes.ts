import type { FieldNode, LinkNode, LoadMoreNode, ModuleNode, ModuleSectionNode, OptionNode, RecordNode } from './moduleRowNodes';

/**
 * The Modules part of the tree, as plain data (issue 12 §2). Only the Modules row itself is in the
 * activation bundle (this file, modulesItem.ts); the rows under it (moduleRowNodes.ts), and what
 * draws and fetches them (moduleTree.ts), are behind the lazy seam. Each node knows its parent,
 * so that reveal() finds a field's row. `connection` (and below, `module`) are the argument shape
 * the module commands take from other callers too (`{connection: sessionId, module}`).
 */
export class ModulesNode {
  readonly kind = 'modules';
  constructor(
    readonly connectionId: string,
    /** The connection's id, or one of its sudo sessions' ids. */
    readonly sessionId: string,
  ) {}
  get connection(): string {
    return this.sessionId;
  }
}

export type ModuleTreeNode = ModulesNode | ModuleNode | ModuleSectionNode | FieldNode | OptionNode | LinkNode | RecordNode | LoadMoreNode;

/** A row below a Modules row (its class is behind the lazy seam): its parents lead to a ModulesNode. */
export function isBelowModules(value: unknown): boolean {
  let node = value;
  for (let depth = 0; depth < 6 && node !== null && typeof node === 'object'; depth++) {
    node = (node as { parent?: unknown }).parent;
    if (node instanceof ModulesNode) return true;
  }
  return false;
}
