/**
 * The bench's handle on the simulated stations: one or more forked processes, each running its share of the stations,
 * telling the bench when a station connects or drops. Connection times are the stations' own clock (the same machine).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FromSwarmSchema, type SwarmCounters, type SwarmStation, type ToSwarm } from './swarm-protocol';
import type { StationPace } from './simulated-station';

const CHILD = fileURLToPath(new URL('./station-swarm.child.ts', import.meta.url));

export class StationSwarm {
  private readonly children: ChildProcess[] = [];
  private readonly online = new Set<string>();
  private readonly lastConnectAt = new Map<string, number>();
  private readonly refusals = new Map<string, string>();
  private readonly waiters: (() => void)[] = [];
  private pendingCounters: ((c: SwarmCounters) => void)[] = [];
  private counted: SwarmCounters[] = [];
  disconnects = 0;
  /** Disconnects by socket.io's reason over the run. */
  readonly disconnectReasons = new Map<string, number>();
  /** When the first process had its stations connecting. */
  startedAt: number | null = null;

  constructor(
    private readonly stations: readonly SwarmStation[],
    private readonly processes: number,
  ) {}

  get size(): number {
    return this.stations.length;
  }

  get onlineCount(): number {
    return this.online.size;
  }

  start(pace: StationPace): void {
    for (let p = 0; p < this.processes; p++) {
      const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (raw) => this.onMessage(raw));
      this.children.push(child);
      const share = this.stations.filter((_, i) => i % this.processes === p);
      this.send(child, { type: 'start', stations: share, pace });
    }
  }

  /** Resolves when every station is connected (or throws after `timeoutMs`, saying how many are). */
  async allOnline(timeoutMs: number): Promise<void> {
    if (this.online.size === this.stations.length) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.push(resolve)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(this.shortfall(timeoutMs))), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** How many stations connected in [since, until], and the latest of those connections. */
  connectedSince(since: number, until = Number.POSITIVE_INFINITY): { count: number; latest: number } {
    let count = 0;
    let latest = since;
    for (const s of this.stations) {
      const at = this.lastConnectAt.get(s.stationId);
      if (at === undefined || at < since || at > until) continue;
      count += 1;
      latest = Math.max(latest, at);
    }
    return { count, latest };
  }

  /** The stations' refusals by reason (a refused station waits a minute before asking again). */
  refusalReasons(): Map<string, number> {
    const out = new Map<string, number>();
    for (const reason of this.refusals.values()) out.set(reason, (out.get(reason) ?? 0) + 1);
    return out;
  }

  /** Counters summed over the processes (ledger acknowledgement times since the previous call). */
  async counters(window?: { from: number; to: number }): Promise<SwarmCounters> {
    this.counted = [];
    const all = new Promise<SwarmCounters[]>((resolve) => {
      this.pendingCounters = this.children.map(() => (c: SwarmCounters) => {
        this.counted.push(c);
        if (this.counted.length === this.children.length) resolve(this.counted);
      });
    });
    for (const child of this.children) this.send(child, { type: 'counters', ...(window ? { window } : {}) });
    const parts = await all;
    return parts.reduce((sum, c) => ({
      statusSent: sum.statusSent + c.statusSent,
      statusSentInWindow: sum.statusSentInWindow + c.statusSentInWindow,
      ledgerOk: sum.ledgerOk + c.ledgerOk,
      ledgerFailed: sum.ledgerFailed + c.ledgerFailed,
      ledgerAckMs: [...sum.ledgerAckMs, ...c.ledgerAckMs],
      commands: sum.commands + c.commands,
      admittedMs: [...sum.admittedMs, ...c.admittedMs],
      connectFailures: mergeCounts(sum.connectFailures, c.connectFailures),
      loopDelayP99Ms: Math.max(sum.loopDelayP99Ms, c.loopDelayP99Ms),
    }));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || !child.connected) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            this.send(child, { type: 'stop' });
          }),
      ),
    );
  }

  private shortfall(timeoutMs: number): string {
    const refused = [...this.refusals.entries()].slice(0, 3).map(([id, why]) => `${id}: ${why}`);
    return `${this.online.size}/${this.stations.length} stations online after ${timeoutMs} ms${refused.length ? `; refused ${refused.join(', ')}` : ''}`;
  }

  private send(child: ChildProcess, message: ToSwarm): void {
    child.send(message);
  }

  private onMessage(raw: unknown): void {
    const message = FromSwarmSchema.parse(raw);
    switch (message.type) {
      case 'connected':
        this.online.add(message.stationId);
        this.lastConnectAt.set(message.stationId, message.at);
        if (this.online.size === this.stations.length) for (const resolve of this.waiters.splice(0)) resolve();
        return;
      case 'disconnected':
        this.disconnects += 1;
        this.disconnectReasons.set(message.reason, (this.disconnectReasons.get(message.reason) ?? 0) + 1);
        this.online.delete(message.stationId);
        return;
      case 'refused':
        this.refusals.set(message.stationId, message.reason);
        return;
      case 'counters':
        this.pendingCounters.shift()?.(message.counters);
        return;
      case 'started':
        this.startedAt ??= message.at;
        return;
      case 'stopped':
        return;
    }
  }
}

function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [key, n] of Object.entries(b)) out[key] = (out[key] ?? 0) + n;
  return out;
}
