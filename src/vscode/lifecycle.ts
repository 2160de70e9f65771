/**
 * One way to own disposables (after vscode-pull-request-github's src/common/lifecycle.ts): a class
 * registers what it creates or subscribes to with `_register`, and its `dispose` disposes all of
 * it, once. No vscode import: VS Code's and the core's disposables are both `{ dispose() }`.
 */
export interface IDisposable {
  dispose(): unknown;
}

/** Disposes each (last registered first); one that throws does not keep the others alive. */
export function disposeAll(disposables: Iterable<IDisposable>): void {
  const errors: unknown[] = [];
  for (const disposable of [...disposables].reverse()) {
    try {
      disposable.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed to dispose');
}

export abstract class Disposable implements IDisposable {
  private readonly registered = new Set<IDisposable>();
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Owns `disposable` from now on; registered after dispose, it is disposed at once. */
  protected _register<T extends IDisposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.registered.add(disposable);
    return disposable;
  }

  /** Idempotent: the second call does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const all = [...this.registered];
    this.registered.clear();
    disposeAll(all);
  }
}

/** A bag of disposables for code that is not a class of its own (a function's subscriptions). */
export class DisposableStore extends Disposable {
  add<T extends IDisposable>(disposable: T): T {
    return this._register(disposable);
  }
}
