import type { ProfileSummary } from '../../core/profiles/profileStore';
import type { Endpoint } from '../../core/explore/helpPage';
import type { HistoryEntry } from '../../core/explore/history';
import type { SudoState } from '../../core/session/sessionState';
import { isBelowModules, ModulesNode, type ModuleTreeNode } from './moduleNodes';

/** Tree nodes are plain data; the provider turns them into TreeItems from the current state. */
export class ConnectionNode {
  readonly kind = 'connection';
  constructor(public profile: ProfileSummary) {}
  get id(): string {
    return this.profile.id;
  }
}

export class DetailNode {
  readonly kind = 'detail';
  constructor(
    readonly connectionId: string,
    readonly field: string,
    readonly value: string,
    readonly icon: string,
    readonly tooltip?: string,
    readonly warning = false,
  ) {}
}

export class SudoNode {
  readonly kind = 'sudo';
  constructor(
    readonly connectionId: string,
    readonly sudo: SudoState,
  ) {}
  get id(): string {
    return this.sudo.id;
  }
}

/** An explanation shown in the tree instead of a popup from inside the provider. */
export class ProblemNode {
  readonly kind = 'problem';
  constructor(
    readonly connectionId: string,
    readonly message: string,
    readonly severity: 'error' | 'warning' = 'error',
    /** Added to the row's contextValue, for the actions it offers (e.g. 'damagedSession'). */
    readonly context?: string,
  ) {}
}

/** The instance's endpoints, read from its /help page. */
export class ApiNode {
  readonly kind = 'api';
  constructor(readonly connectionId: string) {}
}

export class EndpointGroupNode {
  readonly kind = 'endpointGroup';
  constructor(
    readonly connectionId: string,
    readonly group: string,
    readonly endpoints: Endpoint[],
  ) {}
}

export class EndpointNode {
  readonly kind = 'endpoint';
  constructor(
    readonly connectionId: string,
    readonly endpoint: Endpoint,
  ) {}
}

export class HistoryNode {
  readonly kind = 'history';
  constructor(readonly connectionId: string) {}
}

export class HistoryEntryNode {
  readonly kind = 'historyEntry';
  constructor(
    readonly connectionId: string,
    readonly entry: HistoryEntry,
  ) {}
}

export type TreeNode =
  | ConnectionNode
  | DetailNode
  | SudoNode
  | ProblemNode
  | ApiNode
  | EndpointGroupNode
  | EndpointNode
  | HistoryNode
  | HistoryEntryNode
  | ModuleTreeNode;

const NODE_CLASSES = [ConnectionNode, DetailNode, SudoNode, ProblemNode, ApiNode, EndpointGroupNode, EndpointNode, HistoryNode, HistoryEntryNode, ModulesNode];

export function isTreeNode(value: unknown): value is TreeNode {
  return NODE_CLASSES.some((nodeClass) => value instanceof nodeClass) || isBelowModules(value);
}
