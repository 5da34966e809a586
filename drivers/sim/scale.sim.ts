import type { ScaleProtocol, SerialLink } from '../../app/domain';
import { StationError } from '../../app/domain/errors';
import { PeerHub } from './peer-hub.sim';
import type { ByteLink } from '../serial/byte-link';
import { AdamResponder, type AdamResponderOptions } from './adam-scale.sim';
import { CasResponder } from './cas-scale.sim';
import { ConfigurableResponder } from './configurable-scale.sim';
import { MtSicsResponder } from './mt-sics-scale.sim';
import { NciResponder } from './nci-scale.sim';
import type { ScaleResponder, SimulatedScale } from './scale-responder.sim';
import { SimulatedScaleModel } from './scale-model.sim';
import { Toledo8217Responder } from './toledo-8217-scale.sim';

export type SimulatedProtocol = Exclude<ScaleProtocol, 'usb-hid'>;

export interface ScaleSimulatorOptions {
  protocol: ScaleProtocol;
  /** Toledo only: kg with 3 decimals (default) or lb with 2, matching the codec's 'auto' unit. */
  toledoUnit?: 'kg' | 'lb';
  /** Toledo only: decimals shown, when the scale is set up against the manual's rule (3 for kg, 2 for lb). */
  toledoDecimals?: number;
  nciUnit?: 'kg' | 'lb';
  adam?: AdamResponderOptions;
  /** Above this the scale reports overload. */
  capacityG?: number;
  initialGrams?: number;
  /** How often streaming protocols (CAS, Adam continuous, MT-SICS SIR) send a frame. */
  streamMs?: number;
  random?: () => number;
}

type ResponderFactory = (scale: SimulatedScale, options: ScaleSimulatorOptions) => ScaleResponder;

const RESPONDERS: Record<SimulatedProtocol, ResponderFactory> = {
  'mt-sics': (scale) => new MtSicsResponder(scale),
  'toledo-8217': (scale, options) => new Toledo8217Responder(scale, options.toledoUnit ?? 'kg', options.toledoDecimals),
  adam: (scale, options) => new AdamResponder(scale, options.adam),
  cas: (scale) => new CasResponder(scale),
  nci: (scale, options) => new NciResponder(scale, options.nciUnit ?? 'kg'),
  configurable: (scale) => new ConfigurableResponder(scale),
};

/**
 * A scale that speaks the real protocol over TCP or a serial path: the demo and the integration tests put it
 * where the real scale would be and script it (weight, motion, noise, zero, overload, silence, unplug).
 * The configurable protocol is simulated by an Ohaus-like printer (see SAMPLE_CONFIGURABLE_SCALE).
 */
export class ScaleSimulator {
  private readonly model: SimulatedScaleModel;
  private readonly hub: PeerHub;
  private readonly responder: ResponderFactory;
  private readonly streaming = new Map<ByteLink, ScaleResponder>();
  private streamTimer: NodeJS.Timeout | null = null;
  private silent = false;
  private unplugged = false;
  private readonly listening: { port: number; host: string }[] = [];
  private readonly attached: { path: string; link: Partial<SerialLink> }[] = [];

  constructor(private readonly options: ScaleSimulatorOptions) {
    if (options.protocol === 'usb-hid') {
      throw new StationError('CONFIG', 'usb-hid scales cannot be simulated over a byte stream (no /dev/uhid here)');
    }
    this.responder = RESPONDERS[options.protocol];
    this.model = new SimulatedScaleModel({
      ...(options.capacityG === undefined ? {} : { capacityG: options.capacityG }),
      ...(options.initialGrams === undefined ? {} : { initialGrams: options.initialGrams }),
      ...(options.random ? { random: options.random } : {}),
    });
    this.hub = new PeerHub((peer) => this.serve(peer));
  }

  async listenTcp(port?: number, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    const bound = await this.hub.listenTcp(port, host);
    this.listening.push({ port: bound.port, host });
    return bound;
  }

  async attachPath(path: string, link: Partial<SerialLink> = {}): Promise<void> {
    await this.hub.attachPath(path, link);
    this.attached.push({ path, link });
  }

  /** The gross weight on the platter; `stable` defaults to true. */
  setWeight(grams: number, opts: { stable?: boolean } = {}): void {
    this.model.setWeight(grams, opts.stable ?? true);
  }

  /** Someone leaning on the platter: unstable whatever the weight, until switched off. */
  setMotion(on: boolean): void {
    this.model.setMotion(on);
  }

  /** Random jitter of ± amplitude on every reading (a draughty room, a vibrating conveyor). */
  setNoise(amplitudeG: number): void {
    this.model.setNoise(amplitudeG);
  }

  setOverload(on: boolean): void {
    this.model.setOverload(on);
  }

  /** Presses the zero key; false when the scale refuses (in motion or overloaded). */
  zero(): boolean {
    return this.model.zero();
  }

  tare(): boolean {
    return this.model.tare();
  }

  /** What the display shows now (without noise draws affecting the caller's expectations). */
  get display(): ReturnType<SimulatedScaleModel['read']> {
    return this.model.read();
  }

  /** A silent scale reads requests and answers nothing, like one switched to another interface mode. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** The device server loses its cable: connections drop and new ones are refused until replug(). */
  async unplug(): Promise<void> {
    if (this.unplugged) return;
    this.unplugged = true;
    this.stopStreaming();
    await this.hub.close();
  }

  /** Listens again on the same port(s) and reopens the same serial path(s). */
  async replug(): Promise<void> {
    if (!this.unplugged) return;
    this.unplugged = false;
    for (const { port, host } of this.listening) await this.hub.listenTcp(port, host);
    for (const { path, link } of this.attached) await this.hub.attachPath(path, link);
  }

  get peers(): number {
    return this.hub.size;
  }

  async close(): Promise<void> {
    this.stopStreaming();
    await this.hub.close();
  }

  private serve(peer: ByteLink): void {
    const responder = this.responder(this.model, this.options);
    peer.onData((chunk) => {
      if (this.silent) return;
      for (const reply of responder.push(chunk)) peer.write(reply).catch(() => {});
    });
    if (responder.tick) {
      this.streaming.set(peer, responder);
      peer.onClose(() => this.streaming.delete(peer));
      this.startStreaming();
    }
  }

  private startStreaming(): void {
    if (this.streamTimer) return;
    this.streamTimer = setInterval(() => {
      if (this.silent) return;
      for (const [peer, responder] of this.streaming) {
        const frame = responder.tick?.();
        if (frame) peer.write(frame).catch(() => {});
      }
    }, this.options.streamMs ?? 100);
    // A forgotten simulator must not keep a test process alive.
    this.streamTimer.unref();
  }

  private stopStreaming(): void {
    if (this.streamTimer) clearInterval(this.streamTimer);
    this.streamTimer = null;
    this.streaming.clear();
  }
}
