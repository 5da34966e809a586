import type { Channel, ChannelReq, ChannelRes, PushEvent, PushPayload, StationCore } from '../app/ipc/contract';
import { parseRequest } from '../app/ipc/contract';
import type { PackingView, StationStatus } from '../app/domain';
import type { PackingAction, ScaleCommand, ScanAnswer, UiSettings } from '../app/ipc/contract';
import { errorMessage } from '../app/domain/errors';
import { ListenerSet } from '../app/events/listener-set';
import type { SyncTarget } from '../app/domain/outbox-event.schema';
import type { VoidedLabel } from '../app/domain/label-record.schema';
import { StationError } from '../app/domain/errors';
import { personLabel } from '../app/people/person.schema';
import type { SessionGate } from '../app/people/people.ports';
import { SIGNED_IN_CHANNELS, SUPERVISOR_CHANNELS, type stationChannels } from '../app/ipc/station-channels';

type StationChannel = keyof typeof stationChannels;
/** Handlers of the channels around the packing flow (people, shift, command sheet, sound), each from its own wiring. */
export type StationRoutes = { [C in StationChannel]?: (req: ChannelReq<C>) => ChannelRes<C> | Promise<ChannelRes<C>> };
/** A request as the backend gets it: with the signed-in person the core put in (`Name (id)`). */
type Audited<T> = T & { who: string };

/** What the core needs from the running station; kept narrow so hosts and tests can provide it. */
export interface CoreBackend {
  view(): PackingView;
  status(): StationStatus;
  scan(code: string): ScanAnswer;
  command(action: PackingAction): boolean;
  scaleCommand(action: ScaleCommand): Promise<void>;
  uiSettings(): UiSettings;
  printJobs(limit: number): ChannelRes<'print:jobs'>;
  /** Throws a StationError when the job is unknown or not uncertain. */
  resolvePrint(jobId: string, printed: boolean, who: string, reason: string): void;
  /** Returns the new job id. */
  reprint(jobId: string, who: string, reason: string): string;
  carrierExceptions(limit: number): ChannelRes<'carrier:exceptions'>;
  /** Throws a StationError when the exception is unknown or already resolved. */
  resolveCarrierException(id: number, who: string, resolution: string): void;
  deadLetters(limit: number): ChannelRes<'outbox:dead-letters'>;
  /** These throw a StationError when the letter is unknown, resolved, or cannot be replayed. */
  replayDeadLetter(id: number, who: string, reason: string | undefined): void;
  discardDeadLetter(id: number, who: string, reason: string): void;
  /** Returns the ids of the dead letters replayed. */
  replayAllDeadLetters(target: SyncTarget, who: string, reason: string | undefined): number[];
  /** The labels the station bought and voided (main/wiring/labels.wiring.ts). */
  labels(limit: number): ChannelRes<'carrier:labels'>;
  /** Throws a StationError when the reference has no bought label. */
  voidLabel(reference: string, who: string, reason: string): VoidedLabel;
  /** Return labels and end-of-day manifests (main/wiring/shipping-day.wiring.ts); absent where no carrier desk is wired. */
  shipping?: {
    day(): ChannelRes<'shipping:day'>;
    returnLabel(req: Audited<ChannelReq<'shipping:return-label'>>): Promise<ChannelRes<'shipping:return-label'>>;
    manifest(req: Audited<ChannelReq<'shipping:manifest'>>): Promise<ChannelRes<'shipping:manifest'>>;
  };
  /** Who is signed in: names every audited record and gates the supervisor's channels. */
  session: SessionGate;
  routes?: StationRoutes;
}

type Listeners = { [E in PushEvent]: ListenerSet<PushPayload<E>> };

/**
 * The one implementation of the IPC contract. Electron's ipcMain and the headless WebSocket bridge both call
 * `handle`, so the two hosts cannot drift apart.
 */
export class StationCoreService implements StationCore {
  // One broken UI connection must not stop the others from being updated: ListenerSet isolates each.
  private readonly listeners: Listeners = {
    'packing:view': new ListenerSet(),
    'station:status': new ListenerSet(),
    'print:job': new ListenerSet(),
    'people:session': new ListenerSet(),
  };

  constructor(private readonly backend: CoreBackend) {}

  async handle<C extends Channel>(channel: C, req: ChannelReq<C>): Promise<ChannelRes<C>> {
    const request = parseRequest(channel, req) as unknown;
    this.admit(channel);
    const route = this.backend.routes?.[channel as StationChannel] as ((req: unknown) => unknown) | undefined;
    if (route) return (await route(request)) as ChannelRes<C>;
    switch (channel) {
      case 'packing:view':
        return this.backend.view() as ChannelRes<C>;
      case 'station:status':
        return this.backend.status() as ChannelRes<C>;
      case 'packing:scan':
        return this.backend.scan((request as ChannelReq<'packing:scan'>).code) as ChannelRes<C>;
      case 'packing:command':
        return { accepted: this.backend.command((request as ChannelReq<'packing:command'>).action) } as ChannelRes<C>;
      case 'scale:command':
        return (await this.scaleCommand((request as ChannelReq<'scale:command'>).action)) as ChannelRes<C>;
      case 'ui:settings':
        return this.backend.uiSettings() as ChannelRes<C>;
      case 'print:jobs':
        return this.backend.printJobs((request as ChannelReq<'print:jobs'>).limit) as ChannelRes<C>;
      case 'print:resolve': {
        const r = request as ChannelReq<'print:resolve'>;
        return this.attempt(() => this.backend.resolvePrint(r.jobId, r.printed, this.who(), r.reason)) as ChannelRes<C>;
      }
      case 'print:reprint': {
        const r = request as ChannelReq<'print:reprint'>;
        try {
          return { accepted: true, jobId: this.backend.reprint(r.jobId, this.who(), r.reason) } as ChannelRes<C>;
        } catch (error) {
          return { accepted: false, error: errorMessage(error) } as ChannelRes<C>;
        }
      }
      case 'carrier:exceptions':
        return this.backend.carrierExceptions((request as ChannelReq<'carrier:exceptions'>).limit) as ChannelRes<C>;
      case 'carrier:resolve-exception': {
        const r = request as ChannelReq<'carrier:resolve-exception'>;
        return (await this.attempt(() => this.backend.resolveCarrierException(r.id, this.who(), r.resolution))) as ChannelRes<C>;
      }
      case 'outbox:dead-letters':
        return this.backend.deadLetters((request as ChannelReq<'outbox:dead-letters'>).limit) as ChannelRes<C>;
      case 'outbox:replay': {
        const r = request as ChannelReq<'outbox:replay'>;
        return (await this.attempt(() => this.backend.replayDeadLetter(r.id, this.who(), r.reason))) as ChannelRes<C>;
      }
      case 'outbox:discard': {
        const r = request as ChannelReq<'outbox:discard'>;
        return (await this.attempt(() => this.backend.discardDeadLetter(r.id, this.who(), r.reason))) as ChannelRes<C>;
      }
      case 'outbox:replay-all': {
        const r = request as ChannelReq<'outbox:replay-all'>;
        try {
          return { accepted: true, replayed: this.backend.replayAllDeadLetters(r.target, this.who(), r.reason) } as ChannelRes<C>;
        } catch (error) {
          return { accepted: false, replayed: [], error: errorMessage(error) } as ChannelRes<C>;
        }
      }
      case 'shipping:day':
        return this.shipping().day() as ChannelRes<C>;
      case 'shipping:return-label':
        return (await this.shipping().returnLabel({ ...(request as ChannelReq<'shipping:return-label'>), who: this.who() })) as ChannelRes<C>;
      case 'shipping:manifest':
        return (await this.shipping().manifest({ ...(request as ChannelReq<'shipping:manifest'>), who: this.who() })) as ChannelRes<C>;
      case 'carrier:labels':
        return this.backend.labels((request as ChannelReq<'carrier:labels'>).limit) as ChannelRes<C>;
      case 'carrier:void': {
        const r = request as ChannelReq<'carrier:void'>;
        try {
          return { accepted: true, voided: this.backend.voidLabel(r.reference, this.who(), r.reason) } as ChannelRes<C>;
        } catch (error) {
          return { accepted: false, error: errorMessage(error) } as ChannelRes<C>;
        }
      }
      default:
        if (channel in (this.backend.routes ?? {}) || SUPERVISOR_CHANNELS.has(channel) || SIGNED_IN_CHANNELS.has(channel)) {
          throw new StationError('CONFIG', `${String(channel)} is not available at this station`);
        }
        throw new Error(`unknown channel ${String(channel)}`);
    }
  }

  /** The supervisor's channels need a supervisor signed in, record-writing ones anyone signed in; checked here, not only on screen. */
  private admit(channel: Channel): void {
    const session = this.backend.session;
    if (SUPERVISOR_CHANNELS.has(channel) && !session.isSupervisor()) throw new StationError('REJECTED', 'A supervisor must be signed in for this');
    if (SIGNED_IN_CHANNELS.has(channel)) {
      if (session.person() === null) throw new StationError('REJECTED', 'Scan your badge to sign in first');
      session.touch();
    }
  }

  /** Who an audited record names: the signed-in person, never a name sent with the request. */
  private who(): string {
    const person = this.backend.session.person();
    if (person === null) throw new StationError('REJECTED', 'Scan your badge to sign in first');
    return personLabel(person);
  }

  private shipping(): NonNullable<CoreBackend['shipping']> {
    if (!this.backend.shipping) throw new Error('return labels and manifests are not set up at this station');
    return this.backend.shipping;
  }

  private async scaleCommand(action: ScaleCommand): Promise<ChannelRes<'scale:command'>> {
    return this.attempt(() => this.backend.scaleCommand(action));
  }

  /** Operator commands answer `accepted: false` with the reason instead of failing the IPC call. */
  private async attempt(run: () => unknown): Promise<{ accepted: boolean; error?: string }> {
    try {
      await run();
      return { accepted: true };
    } catch (error) {
      return { accepted: false, error: errorMessage(error) };
    }
  }

  subscribe<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void): () => void {
    return (this.listeners[event] as ListenerSet<PushPayload<E>>).add(listener);
  }

  /** Whether anyone listens: lets callers skip building a payload (a status with its SQLite reads) nobody receives. */
  hasSubscribers(event: PushEvent): boolean {
    return this.listeners[event].size > 0;
  }

  publish<E extends PushEvent>(event: E, payload: PushPayload<E>): void {
    (this.listeners[event] as ListenerSet<PushPayload<E>>).emit(payload);
  }
}
