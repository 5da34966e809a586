import type { ScaleProtocol, SerialLink } from '../../app/domain';
import { PeerHub } from '../serial/peer-hub';
import type { ByteLink } from '../serial/byte-link';
import { MtSicsResponder } from './mt-sics.responder';
import type { ScaleResponder, SimulatedScaleState } from './scale-responder';
import { Toledo8217Responder } from './toledo-8217.responder';

export interface ScaleSimulatorOptions {
  protocol: ScaleProtocol;
  /** Toledo only: kg with 3 decimals (default) or lb with 2, matching the codec's 'auto' unit. */
  toledoUnit?: 'kg' | 'lb';
  /** Above this the scale reports overload. */
  capacityG?: number;
  initialGrams?: number;
}

type ResponderFactory = (state: () => SimulatedScaleState, options: ScaleSimulatorOptions) => ScaleResponder;

const RESPONDERS: Record<ScaleProtocol, ResponderFactory> = {
  'mt-sics': (state) => new MtSicsResponder(state),
  'toledo-8217': (state, options) => new Toledo8217Responder(state, options.toledoUnit ?? 'kg'),
};

/**
 * A scale that speaks the real protocol over TCP or a serial path: the demo and the integration tests put it
 * where the real scale would be and drive it with setWeight().
 */
export class ScaleSimulator {
  private readonly state: SimulatedScaleState;
  private silent = false;
  private readonly hub: PeerHub;

  constructor(private readonly options: ScaleSimulatorOptions) {
    this.state = { grams: options.initialGrams ?? 0, stable: true, capacityG: options.capacityG ?? 150_000, zeroOffsetG: 0 };
    this.hub = new PeerHub((peer) => this.serve(peer));
  }

  listenTcp(port?: number, host?: string): Promise<{ port: number; url: string }> {
    return this.hub.listenTcp(port, host);
  }

  attachPath(path: string, link?: Partial<SerialLink>): Promise<void> {
    return this.hub.attachPath(path, link);
  }

  /** The gross weight on the platter; `stable` defaults to true. */
  setWeight(grams: number, opts: { stable?: boolean } = {}): void {
    this.state.grams = grams;
    this.state.stable = opts.stable ?? true;
  }

  /** A silent scale reads requests and answers nothing, like one switched to another interface mode. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  get peers(): number {
    return this.hub.size;
  }

  close(): Promise<void> {
    return this.hub.close();
  }

  private serve(peer: ByteLink): void {
    const responder = RESPONDERS[this.options.protocol](() => this.state, this.options);
    peer.onData((chunk) => {
      if (this.silent) return;
      for (const reply of responder.push(chunk)) peer.write(reply).catch(() => {});
    });
  }
}
