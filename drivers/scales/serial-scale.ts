import type { z } from 'zod';
import { ScaleConfigSchema, type ScaleConfig } from '../../app/domain';
import { StationError } from '../../app/domain/errors';
import { openByteLink, type OpenByteLink } from '../serial/byte-link';
import type { BackoffOptions } from '../serial/backoff';
import { DeviceConnection } from '../serial/device-connection';
import type { FrameSplitter } from '../serial/frame-splitter';
import { ConnectedScale, type ConnectedScaleDeps } from './connected-scale';
import { scaleCodec } from './scale-codecs';
import type { CommandOutcome, FrameError, ScaleCodec, ScaleFrame, StatusFrame } from './scale-protocol';

// MT-SICS answers `Z`/`T` once the load is steady; a balance that has not answered by then will not.
const ACK_TIMEOUT_MS = 3000;

/** A scale config as written in the file: defaults (stability, zeroBandG, pollMs...) are applied here. */
export type ScaleConfigInput = z.input<typeof ScaleConfigSchema>;

export interface SerialScaleDeps extends ConnectedScaleDeps {
  open?: OpenByteLink;
  /** Overrides the codec chosen by `config.protocol` (e.g. a Toledo codec with a fixed unit). */
  codec?: ScaleCodec;
  backoff?: BackoffOptions;
}

/**
 * A scale on a serial port or a serial device server. Polls with the protocol's request (or just listens to a
 * continuous one), turns frames into readings in grams, and reports health: silent when the scale stops
 * answering, disconnected and reconnecting when the link drops.
 */
export class SerialScale extends ConnectedScale {
  private readonly config: ScaleConfig;
  private readonly codec: ScaleCodec;
  protected readonly connection: DeviceConnection;
  private splitter: FrameSplitter;
  private pollTimer: unknown = null;
  private pendingAck: { action: 'zero' | 'tare'; resolve(): void; reject(e: unknown): void; timer: unknown } | null = null;

  constructor(config: ScaleConfigInput, private readonly deps: SerialScaleDeps) {
    const parsed = ScaleConfigSchema.parse(config);
    super(deps, parsed.maxG);
    this.config = parsed;
    this.codec = deps.codec ?? codecFor(this.config);
    this.splitter = this.codec.frames();
    this.connection = new DeviceConnection({
      link: this.config,
      clock: deps.clock,
      open: deps.open ?? openByteLink,
      // A scale that is quiet by design would otherwise show as silent whenever nothing changes.
      ...(this.codec.quietWhenUnchanged ? {} : { staleMs: this.config.staleMs }),
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onError: this.onError,
    });
    this.connection.onConnected(() => {
      // Bytes from before a reconnect belong to a frame that will never complete.
      this.splitter = this.codec.frames();
      if (this.codec.startup) this.connection.write(this.codec.startup).catch((error: unknown) => this.onError(error));
      this.poll();
    });
    this.connection.onDisconnected(() => {
      this.settleAck(null);
      this.stopPolling();
      this.last = null;
    });
    this.connection.onData((chunk) => this.receive(chunk));
  }

  override stop(): Promise<void> {
    this.stopPolling();
    this.settleAck(null);
    return super.stop();
  }

  /** False when the protocol sends no stability flag, so `stable` must be confirmed by a stability window. */
  get reportsStability(): boolean {
    return this.codec.reportsStability !== false;
  }

  /**
   * Sends the protocol's zero or tare command. Where the protocol confirms commands (MT-SICS) it resolves on the
   * scale's confirmation and rejects with the scale's reason when it refuses (a moving load); elsewhere it resolves
   * once the bytes are written and the next readings show the effect.
   */
  async command(action: 'zero' | 'tare'): Promise<void> {
    const bytes = this.codec.commands?.[action];
    if (!bytes) throw new StationError('CONFIG', `this scale protocol (${this.codec.name}) has no ${action} command`);
    if (!this.connection.connected) throw new StationError('DEVICE', `cannot ${action} the scale: it is not connected`);
    if (this.pendingAck) throw new StationError('DEVICE', `the scale is still busy with a ${this.pendingAck.action}`);
    if (!this.codec.acknowledge) return this.connection.write(bytes);
    const confirmed = new Promise<void>((resolve, reject) => {
      const timer = this.deps.clock.setTimeout(() => {
        this.pendingAck = null;
        reject(new StationError('TIMEOUT', `the scale did not confirm the ${action}`));
      }, ACK_TIMEOUT_MS);
      this.pendingAck = { action, resolve, reject, timer };
    });
    try {
      await this.connection.write(bytes);
    } catch (error) {
      this.settleAck(null);
      throw error;
    }
    return confirmed;
  }

  private settleAck(outcome: CommandOutcome | null): void {
    const pending = this.pendingAck;
    if (!pending) return;
    this.pendingAck = null;
    this.deps.clock.clearTimeout(pending.timer);
    if (outcome?.done) pending.resolve();
    else pending.reject(new StationError('DEVICE', `${pending.action} refused: ${outcome?.reason ?? 'the scale went away'}`));
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
      for (const raw of this.splitter.push(chunk)) this.handle(this.codec.parse(raw), raw);
    } catch (error) {
      this.onError(error);
    }
  }

  private handle(frame: ScaleFrame | FrameError, raw: Buffer): void {
    if (this.pendingAck && this.codec.acknowledge) {
      const outcome = this.codec.acknowledge(this.pendingAck.action, frame);
      if (outcome) this.settleAck(outcome);
    }
    switch (frame.kind) {
      case 'weight':
        this.weigh(frame, raw);
        return;
      case 'status':
        this.connection.markAlive(describeStatus(frame));
        // A status instead of a weight means there is no valid weight now: a stable reading kept from before
        // would be a frozen weight.
        this.unsettled();
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
}

function codecFor(config: ScaleConfig): ScaleCodec {
  const continuous = config.output === 'continuous';
  switch (config.protocol) {
    case 'configurable':
      return scaleCodec('configurable', config.configurable);
    case 'toledo-8217':
      return scaleCodec('toledo-8217', config.unit ? { unit: config.unit } : {});
    case 'nci':
      return scaleCodec('nci', config.unit ? { unit: config.unit } : {});
    case 'mt-sics':
      return scaleCodec('mt-sics', continuous ? { command: 'SIR' } : {});
    case 'adam':
      return scaleCodec('adam', { mode: continuous ? 'continuous' : 'print' });
    default:
      return scaleCodec(config.protocol);
  }
}

function describeStatus(status: StatusFrame): string {
  if (status.fault) return status.fault;
  if (status.overCapacity) return 'over capacity';
  if (status.underZero) return 'under zero';
  if (status.busy) return 'busy';
  if (status.motion) return 'in motion';
  if (status.outsideZeroRange) return 'outside zero range';
  return 'no weight';
}
