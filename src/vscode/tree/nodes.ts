import type { Profile } from '../../core/profiles/profile';
import type { SudoState } from '../../core/session/sessionState';

/** Tree nodes are plain data; the provider turns them into TreeItems from the current state. */
export class ConnectionNode {
  readonly kind = 'connection';
  constructor(public profile: Profile) {}
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
  ) {}
}

export type TreeNode = ConnectionNode | DetailNode | SudoNode | ProblemNode;

export function isTreeNode(value: unknown): value is TreeNode {
  return value instanceof ConnectionNode || value instanceof DetailNode || value instanceof SudoNode || value instanceof ProblemNode;
}
