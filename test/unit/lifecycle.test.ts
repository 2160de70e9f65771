import assert from 'node:assert/strict';
import { Disposable, DisposableStore } from '../../src/vscode/lifecycle';

class Owner extends Disposable {
  register<T extends { dispose(): unknown }>(disposable: T): T {
    return this._register(disposable);
  }
}

const recording = (log: string[], name: string) => ({ dispose: () => log.push(name) });

describe('the Disposable base (src/vscode/lifecycle.ts)', () => {
  it('disposes everything registered, last first, once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register(recording(log, 'a'));
    owner.register(recording(log, 'b'));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['b', 'a']);
  });

  it('disposes at once what is registered after dispose', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.register(recording(log, 'late'));
    assert.deepEqual(log, ['late']);
  });

  it('one that throws does not keep the others alive, and the error is not lost', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(recording(log, 'a'));
    store.add({
      dispose: () => {
        throw new Error('boom');
      },
    });
    store.add(recording(log, 'c'));
    assert.throws(() => store.dispose(), /boom/);
    assert.deepEqual(log, ['c', 'a']);
  });
});
