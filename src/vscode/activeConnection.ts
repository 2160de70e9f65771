import vscode = require('vscode');

const KEY = 'sugar.activeConnection';

/** Which connection the status bar follows. Only its id is kept (in globalState): nothing secret. */
export class ActiveConnection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get id(): string | undefined {
    return this.state.get<string>(KEY);
  }

  async set(id: string | undefined): Promise<void> {
    if (id === this.id) return;
    await this.state.update(KEY, id);
    this.changed.fire(id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
