import vscode = require('vscode');
import { Disposable } from './lifecycle';

const KEY = 'sugar.activeConnection';

/** Which connection the status bar follows. Only its id is kept (in globalState): nothing secret. */
export class ActiveConnection extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<string | undefined>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    super();
  }

  get id(): string | undefined {
    return this.state.get<string>(KEY);
  }

  async set(id: string | undefined): Promise<void> {
    if (id === this.id) return;
    await this.state.update(KEY, id);
    this.changed.fire(id);
  }
}
