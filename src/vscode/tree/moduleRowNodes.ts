/**
 * The rows below a Modules row (see moduleNodes.ts), behind the lazy seam: made only once a
 * Modules row is expanded.
 */
import type { DropdownOption, FieldInfo, LinkInfo } from '../../core/schema/schemaIndex';
import type { RecordRow } from '../../core/schema/recordPages';
import type { ModulesNode } from './moduleNodes';

/** A row below the Modules row: its connection and session are its parent's. */
abstract class Below<P extends { connectionId: string; sessionId: string }> {
  constructor(readonly parent: P) {}
  get connectionId(): string {
    return this.parent.connectionId;
  }
  get sessionId(): string {
    return this.parent.sessionId;
  }
  /** The argument shape `{connection, module}` of the module commands. */
  get connection(): string {
    return this.parent.sessionId;
  }
}

export class ModuleNode extends Below<ModulesNode> {
  readonly kind = 'module';
  constructor(
    parent: ModulesNode,
    readonly module: string,
    readonly row: { description: string; tooltip: string; fieldCount: number; linkCount: number },
  ) {
    super(parent);
  }
}

export type ModuleSection = 'fields' | 'links' | 'records';

export class ModuleSectionNode extends Below<ModuleNode> {
  readonly kind = 'moduleSection';
  constructor(
    parent: ModuleNode,
    readonly section: ModuleSection,
  ) {
    super(parent);
  }
  get module(): string {
    return this.parent.module;
  }
}

export class FieldNode extends Below<ModuleSectionNode> {
  readonly kind = 'field';
  constructor(
    parent: ModuleSectionNode,
    readonly field: FieldInfo,
  ) {
    super(parent);
  }
  get module(): string {
    return this.parent.module;
  }
}

export class OptionNode extends Below<FieldNode> {
  readonly kind = 'option';
  constructor(
    parent: FieldNode,
    readonly option: DropdownOption,
    readonly position: number,
  ) {
    super(parent);
  }
}

export class LinkNode extends Below<ModuleSectionNode> {
  readonly kind = 'link';
  constructor(
    parent: ModuleSectionNode,
    readonly link: LinkInfo,
  ) {
    super(parent);
  }
}

export class RecordNode extends Below<ModuleSectionNode> {
  readonly kind = 'record';
  constructor(
    parent: ModuleSectionNode,
    readonly record: RecordRow,
  ) {
    super(parent);
  }
}

/** The last row of a records list that has more pages. */
export class LoadMoreNode extends Below<ModuleSectionNode> {
  readonly kind = 'loadMore';
}
