import type { Clock, Listener, Scale, Unsubscribe } from '../../app/ports';
import { ScaleConfigSchema, type DeviceHealth, type ScaleConfig, type ScaleReading } from '../../app/domain';
import { openByteLink, type OpenByteLink } from '../serial/byte-link';
import type { BackoffOptions } from '../serial/backoff';
import { DeviceConnection } from '../serial/device-connection';
import type { FrameSplitter } from '../serial/frame-splitter';
import { ListenerSet } from '../serial/listener-set';
import { scaleCodec } from './scale-codecs';
import type { FrameError, ScaleCodec, ScaleFrame, StatusFrame } from './scale-protocol';

export interface SerialScaleDeps {
  clock: Clock;
  open?: OpenByteLink;
  /** Overrides the codec chosen by `config.protocol` (e.g. a Toledo codec with a fixed unit). */
  codec?: ScaleCodec;
  backoff?: BackoffOptions;
  /** Frames that are not the protocol, throwing listeners, failed writes: for the log, never thrown. */
  onError?: (error: unknown) => void;
}

/**
 * A scale on a serial port or a serial device server. Polls with the protocol's request (or just listens to a
 * continuous one), turns frames into readings in grams, and reports health: silent when the scale stops
 * answering, disconnected and reconnecting when the link drops.
 */
export class SerialScale implements Scale {
  private readonly config: ScaleConfig;
  private readonly codec: ScaleCodec;
  private readonly connection: DeviceConnection;
  private readonly readings: ListenerSet<ScaleReading>;
  private splitter: FrameSplitter;
  private pollTimer: unknown = null;
  private last: ScaleReading | null = null;
  private readonly onError: (error: unknown) => void;

  constructor(config: ScaleConfig, private readonly deps: SerialScaleDeps) {
    this.config = ScaleConfigSchema.parse(config);
    this.codec = deps.codec ?? scaleCodec(this.config.protocol);
    this.splitter = this.codec.frames();
    this.onError = deps.onError ?? (() => {});
    this.readings = new ListenerSet(this.onError);
    this.connection = new DeviceConnection({
      link: this.config,
      clock: deps.clock,
      open: deps.open ?? openByteLink,
      staleMs: this.config.staleMs,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onError: this.onError,
    });
    this.connection.onConnected(() => {
      // Bytes from before a reconnect belong to a frame that will never complete.
      this.splitter = this.codec.frames();
      this.poll();
    });
    this.connection.onDisconnected(() => {
      this.stopPolling();
      this.last = null;
    });
    this.connection.onData((chunk) => this.receive(chunk));
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  async stop(): Promise<void> {
    this.stopPolling();
    await this.connection.stop();
    this.last = null;
  }

  onReading(listener: Listener<ScaleReading>): Unsubscribe {
    return this.readings.add(listener);
  }

  lastReading(): ScaleReading | null {
    return this.last;
  }

  health(): DeviceHealth {
    return this.connection.health();
  }

  onHealth(listener: Listener<DeviceHealth>): Unsubscribe {
    return this.connection.onHealth(listener);
  }

  private poll(): void {
    const { request } = this.codec;
    if (request === null || !this.connection.connected) return;
    this.connection.write(request).catch((error: unknown) => this.onError(error));
    this.pollTimer = this.deps.clock.setTimeout(() => {
      this.pollTimer = null;
      this.poll();
    }, this.config.pollMs);
  }

  private stopPolling(): void {
    if (this.pollTimer !== null) this.deps.clock.clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  private receive(chunk: Buffer): void {
    try {
      for (const frame of this.splitter.push(chunk)) this.handle(this.codec.parse(frame));
    } catch (error) {
      this.onError(error);
    }
  }

  private handle(frame: ScaleFrame | FrameError): void {
    switch (frame.kind) {
      case 'weight':
        this.connection.markAlive(undefined);
        this.emit(frame.grams, frame.stable);
        return;
      case 'status':
        this.connection.markAlive(describeStatus(frame));
        // A status instead of a weight means there is no valid weight now: a stable reading kept from before
        // would be a frozen weight, so the last value is repeated as unstable.
        this.emit(this.last?.grams ?? 0, false);
        return;
      case 'reply':
        this.connection.markAlive(undefined);
        return;
      case 'error':
        // The device answered but refused the command: it is alive. Noise is not proof of a working scale.
        if (frame.code === 'SYNTAX' || frame.code === 'TRANSMISSION' || frame.code === 'LOGICAL') {
          this.connection.markAlive(frame.message);
        }
        this.onError(frame);
        return;
    }
  }

  private emit(grams: number, stable: boolean): void {
    const reading: ScaleReading = { grams, stable, at: this.deps.clock.now() };
    this.last = reading;
    this.readings.emit(reading);
  }
}

function describeStatus(status: StatusFrame): string {
  if (status.overCapacity) return 'over capacity';
  if (status.underZero) return 'under zero';
  if (status.busy) return 'busy';
  if (status.motion) return 'in motion';
  if (status.outsideZeroRange) return 'outside zero range';
  return 'no weight';
}
