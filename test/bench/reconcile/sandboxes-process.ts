/** The bench's handle on its sandboxes' process: one request at a time, each answered by one message. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FromSandboxesSchema, type FromSandboxes, type SandboxCounts, type ToSandboxes } from './sandbox-protocol';

const CHILD = fileURLToPath(new URL('./sandboxes.child.ts', import.meta.url));

type Seeded = Extract<FromSandboxes, { type: 'seeded' }>;

export class SandboxesProcess {
  private readonly child: ChildProcess;
  private waiting: { resolve: (m: FromSandboxes) => void; reject: (e: Error) => void } | null = null;

  constructor() {
    this.child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (raw) => {
      const waiting = this.waiting;
      this.waiting = null;
      const message = FromSandboxesSchema.parse(raw);
      if (message.type === 'failed') waiting?.reject(new Error(`sandboxes' process: ${message.error}`));
      else waiting?.resolve(message);
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`sandboxes' process exited (${String(code)})`)));
  }

  async seed(n: number, now: number, odooVersion: 16 | 17 | 18 | 19): Promise<Seeded> {
    const reply = await this.ask({ type: 'seed', n, now, odooVersion });
    if (reply.type !== 'seeded') throw new Error(`sandboxes' process answered ${reply.type} to seed`);
    return reply;
  }

  async resetCounts(): Promise<void> {
    await this.ask({ type: 'reset' });
  }

  async counts(): Promise<SandboxCounts> {
    const reply = await this.ask({ type: 'counts' });
    if (reply.type !== 'counts') throw new Error(`sandboxes' process answered ${reply.type} to counts`);
    return reply.counts;
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }

  private ask(message: ToSandboxes): Promise<FromSandboxes> {
    if (this.waiting) throw new Error("the sandboxes' process is busy");
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(message);
    });
  }
}
