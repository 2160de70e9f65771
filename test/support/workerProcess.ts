import { ChildProcess, fork } from 'node:child_process';

/** A test worker in a process of its own, answering each message it is sent with one reply. */
export class WorkerProcess<Command, Reply> {
  private readonly child: ChildProcess;
  private readonly replies: Array<(reply: Reply) => void> = [];
  readonly ready: Promise<Reply>;

  constructor(script: string, args: string[]) {
    this.child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve) => this.replies.push(resolve));
    this.child.on('message', (reply: Reply) => this.replies.shift()?.(reply));
  }

  send(command: Command): Promise<Reply> {
    return new Promise((resolve) => {
      this.replies.push(resolve);
      this.child.send(command as object);
    });
  }

  /** Ends the process (and waits until it has). */
  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}
