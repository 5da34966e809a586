import type { Clock, Listener, Unsubscribe } from '../../app/ports';
import type { DeviceHealth, DeviceState, SerialLink } from '../../app/domain';
import { StationError, errorMessage } from '../../app/domain/errors';
import type { ByteLink, OpenByteLink } from './byte-link';
import { backoffDelay, type BackoffOptions } from './backoff';
import { ListenerSet } from '../../app/events/listener-set';
import { deviceProblem } from './serial-open-error';

export interface DeviceConnectionOptions {
  link: SerialLink;
  clock: Clock;
  open: OpenByteLink;
  /** No `markAlive()` for this long while connected → health 'silent'. Omit for devices that are quiet by nature. */
  staleMs?: number;
  backoff?: BackoffOptions;
  onError?: (error: unknown) => void;
}

/**
 * Keeps one device link open: opens it, reopens it with capped backoff when it fails or drops, and tracks health
 * (connecting → connected ⇄ silent, disconnected while waiting to retry). Drivers add only their protocol on top.
 */
export class DeviceConnection {
  private running = false;
  private generation = 0;
  private current: { link: ByteLink; unsubscribe: Unsubscribe[]; openedAt: number; alive: boolean } | null = null;
  private failures = 0;
  private retryTimer: unknown = null;
  private staleTimer: unknown = null;
  private state: DeviceHealth;
  private readonly healthListeners: ListenerSet<DeviceHealth>;
  private readonly dataListeners: ListenerSet<Buffer>;
  private readonly connectedListeners: ListenerSet<void>;
  private readonly disconnectedListeners: ListenerSet<void>;

  constructor(private readonly options: DeviceConnectionOptions) {
    const onError = options.onError ?? (() => {});
    this.healthListeners = new ListenerSet(onError);
    this.dataListeners = new ListenerSet(onError);
    this.connectedListeners = new ListenerSet(onError);
    this.disconnectedListeners = new ListenerSet(onError);
    this.state = { state: 'disconnected', detail: 'not started', since: options.clock.now() };
  }

  /** Resolves after the first attempt, connected or not; later attempts run in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    await this.connect();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.clearTimer('retryTimer');
    this.clearTimer('staleTimer');
    const current = this.current;
    this.current = null;
    if (current) {
      current.unsubscribe.forEach((off) => off());
      await current.link.close().catch(() => {});
    }
    this.setHealth('disconnected', 'stopped');
  }

  get connected(): boolean {
    return this.current !== null;
  }

  write(data: Buffer): Promise<void> {
    if (!this.current) return Promise.reject(new StationError('DEVICE', 'device not connected'));
    return this.current.link.write(data);
  }

  /** A complete frame arrived: the device is talking, so it is neither silent nor in need of backoff. */
  markAlive(detail?: string): void {
    if (!this.current) return;
    this.current.alive = true;
    this.failures = 0;
    this.armStaleTimer();
    this.setHealth('connected', detail);
  }

  /** Updates the human detail (e.g. 'over capacity') while connected, without touching the state. */
  setDetail(detail: string | undefined): void {
    if (this.current) this.setHealth(this.state.state, detail);
  }

  health(): DeviceHealth {
    return { ...this.state };
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    return this.healthListeners.add(listener);
  }

  onData(listener: Listener<Buffer>): Unsubscribe {
    return this.dataListeners.add(listener);
  }

  onConnected(listener: () => void): Unsubscribe {
    return this.connectedListeners.add(listener);
  }

  onDisconnected(listener: () => void): Unsubscribe {
    return this.disconnectedListeners.add(listener);
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setHealth('connecting', this.options.link.path);
    let link: ByteLink;
    try {
      link = await this.options.open(this.options.link);
    } catch (error) {
      if (generation !== this.generation || !this.running) return;
      this.scheduleRetry(errorMessage(error), deviceProblem(error) === 'absent');
      return;
    }
    if (generation !== this.generation || !this.running) {
      // stop() ran while the port was opening: do not leak the port (a leaked lock is "port busy" next run).
      await link.close().catch(() => {});
      return;
    }
    const { clock } = this.options;
    const current = { link, unsubscribe: [] as Unsubscribe[], openedAt: clock.now(), alive: false };
    this.current = current;
    current.unsubscribe.push(
      link.onData((chunk) => {
        if (this.current === current) this.dataListeners.emit(chunk);
      }),
      link.onClose((err) => {
        if (this.current === current) this.onLinkLost(current, err);
      }),
    );
    this.setHealth('connected', undefined);
    this.armStaleTimer();
    this.connectedListeners.emit();
  }

  private onLinkLost(lost: { unsubscribe: Unsubscribe[]; openedAt: number; alive: boolean }, err?: Error): void {
    lost.unsubscribe.forEach((off) => off());
    this.current = null;
    this.clearTimer('staleTimer');
    // A link that worked for a while starts the backoff over; one that flaps keeps backing off.
    const maxMs = this.options.backoff?.maxMs ?? 5000;
    if (lost.alive || this.options.clock.now() - lost.openedAt >= maxMs) this.failures = 0;
    this.disconnectedListeners.emit();
    if (this.running) this.scheduleRetry(err ? errorMessage(err) : 'link closed');
  }

  private scheduleRetry(reason: string, absent = false): void {
    const delay = backoffDelay(this.failures++, this.options.backoff);
    // An unplugged device is not a fault to retry but a wait for the packer to plug it back in: say so.
    const next = absent ? ` — waiting, next check in ${formatDelay(delay)}` : `; retrying in ${formatDelay(delay)}`;
    this.setHealth('disconnected', `${reason}${next}`);
    this.clearTimer('retryTimer');
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = null;
      if (this.running) void this.connect().catch((error: unknown) => this.options.onError?.(error));
    }, delay);
  }

  private armStaleTimer(): void {
    const { staleMs, clock } = this.options;
    if (staleMs === undefined) return;
    this.clearTimer('staleTimer');
    this.staleTimer = clock.setTimeout(() => {
      this.staleTimer = null;
      if (this.current) this.setHealth('silent', `no data for ${formatDelay(staleMs)}`);
    }, staleMs);
  }

  private clearTimer(which: 'retryTimer' | 'staleTimer'): void {
    const handle = this[which];
    if (handle !== null) this.options.clock.clearTimeout(handle);
    this[which] = null;
  }

  private setHealth(state: DeviceState, detail: string | undefined): void {
    if (this.state.state === state && this.state.detail === detail) return;
    this.state = detail === undefined ? { state, since: this.options.clock.now() } : { state, detail, since: this.options.clock.now() };
    this.healthListeners.emit(this.health());
  }
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
