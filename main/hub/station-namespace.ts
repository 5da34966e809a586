import type { Socket } from 'socket.io';
import {
  LedgerBatchSchema,
  STATION_EVENTS,
  STATION_NAMESPACE,
  StationHandshakeSchema,
  StationReportSchema,
  HUB_PROTOCOL_VERSION,
  type HandshakeRefusal,
  type LedgerAck,
} from '../../app/hub/hub-protocol.schema';
import type { StoredReport } from '../../app/hub/hub.ports';
import { fleetRow, printerFaultSince, type RecentCounts } from '../../app/hub/fleet-rules';
import { errorMessage } from '../../app/domain/errors';
import { CoalescedWriter } from './coalesced-writer';
import { HOUR_MS } from './fleet-view';
import { stationRoom, type HubContext } from './hub-context';

/** At most one report write per station per this interval (the last one always lands). */
export const REPORT_WRITE_INTERVAL_MS = 2000;

/** What this hub knows about one connected station socket. */
interface StationLink {
  stationId: string;
  version: string;
  connectedAt: number;
  last: StoredReport | null;
  recent: RecentCounts | null;
}

/**
 * The `/station` namespace: a station is let in with its own token only, joins its room (commands and revocation
 * reach it there from any hub), and its reports and ledger batches are validated, stored and shown to the fleet.
 */
export function attachStationNamespace(ctx: HubContext): { drain(): Promise<void> } {
  const { store, clock, log } = ctx;
  const reports = new CoalescedWriter<StoredReport>(REPORT_WRITE_INTERVAL_MS, clock, (id, r) => store.reports.save(id, r.report, r.receivedAt, r.printerFaultSince), log);
  const nsp = ctx.io.of(STATION_NAMESPACE);
  /** Presence writes still running, so a stopping hub records its stations' disconnects before closing the store. */
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  nsp.use((socket, next) => {
    admit(ctx, socket.handshake.auth).then(
      (admitted) => {
        if (typeof admitted === 'string') {
          log.warn({ refusal: admitted, address: socket.handshake.address }, 'station handshake refused');
          return next(new Error(admitted));
        }
        socket.data.link = admitted;
        next();
      },
      (err: unknown) => {
        log.error({ err }, 'station handshake failed');
        next(new Error('BAD_HANDSHAKE' satisfies HandshakeRefusal));
      },
    );
  });

  nsp.on('connection', (socket: Socket) => {
    const link = socket.data.link as StationLink;
    const { stationId } = link;
    // Handlers are registered before anything is awaited: a station sends its first report right after connecting.
    socket.on(STATION_EVENTS.status, (raw: unknown) => onStatus(link, raw));
    socket.on(STATION_EVENTS.ledger, (raw: unknown, ack: unknown) => {
      if (typeof ack === 'function') void track(onLedger(link, raw)).then((answer) => (ack as (a: LedgerAck) => void)(answer));
    });
    void socket.join(stationRoom(stationId));
    let presence = track(store.presence.connected(stationId, ctx.hubId, socket.id, link.version, link.connectedAt).catch((err: unknown) => log.error({ err, stationId }, 'presence not recorded')));
    void presence.then(() => ctx.fleet.push(liveRow(link)));
    log.info({ stationId, version: link.version, socket: socket.id }, 'station connected');
    socket.on('disconnect', (reason) => {
      log.info({ stationId, reason, socket: socket.id }, 'station disconnected');
      const at = clock.now();
      presence = track(
        presence
          .then(() => Promise.all([reports.flush(stationId), store.presence.disconnected(stationId, socket.id, at)]))
          .then(() => ctx.fleet.pushFromStore(stationId))
          .catch((err: unknown) => log.error({ err, stationId }, 'disconnect not recorded')),
      );
    });
  });

  function liveRow(link: StationLink) {
    const now = clock.now();
    const presence = { stationId: link.stationId, online: true, since: link.connectedAt, lastSeenAt: now, hubId: ctx.hubId, version: link.version };
    return fleetRow(link.stationId, presence, link.last, link.recent, now, ctx.config.alerts);
  }

  function onStatus(link: StationLink, raw: unknown): void {
    const parsed = StationReportSchema.safeParse(raw);
    if (!parsed.success || parsed.data.status.stationId !== link.stationId) {
      log.warn({ stationId: link.stationId, issues: parsed.error?.issues.slice(0, 3) ?? 'report names another station' }, 'station report dropped');
      return;
    }
    const now = clock.now();
    const report = parsed.data;
    link.last = { stationId: link.stationId, report, receivedAt: now, printerFaultSince: printerFaultSince(link.last?.printerFaultSince ?? null, report, now) };
    reports.offer(link.stationId, link.last);
    ctx.stationExceptions?.(link.stationId, report);
    ctx.fleet.push(liveRow(link));
  }

  async function onLedger(link: StationLink, raw: unknown): Promise<LedgerAck> {
    const parsed = LedgerBatchSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ stationId: link.stationId, issues: parsed.error.issues.slice(0, 3) }, 'ledger batch refused');
      return { ok: false, error: `invalid batch: ${parsed.error.issues[0]?.message ?? 'unknown'}` };
    }
    try {
      const now = clock.now();
      const { stored, highestSeq } = await store.ledger.append(link.stationId, parsed.data.entries, now);
      if (stored > 0) {
        await ctx.ledgerStored?.(link.stationId, parsed.data.entries);
        link.recent = await recentOf(link.stationId, now);
        ctx.fleet.push(liveRow(link));
      }
      return { ok: true, stored, highestSeq };
    } catch (err) {
      log.error({ err, stationId: link.stationId }, 'ledger batch not stored');
      return { ok: false, error: errorMessage(err) };
    }
  }

  async function recentOf(stationId: string, now: number): Promise<RecentCounts | null> {
    return (await store.ledger.recent(now - HOUR_MS, stationId))[0] ?? null;
  }

  async function admit(ctx: HubContext, auth: unknown): Promise<StationLink | HandshakeRefusal> {
    const parsed = StationHandshakeSchema.safeParse(auth);
    if (!parsed.success) {
      const protocol = (auth as { protocol?: unknown } | null)?.protocol;
      return protocol !== undefined && protocol !== HUB_PROTOCOL_VERSION ? 'PROTOCOL' : 'BAD_HANDSHAKE';
    }
    const { stationId, token, version } = parsed.data;
    const verdict = await ctx.store.tokens.verify(stationId, token);
    if (verdict !== 'ok') return verdict;
    const now = clock.now();
    const [latest, recent] = await Promise.all([ctx.store.reports.latest(stationId), recentOf(stationId, now)]);
    // The fault clock survives a reconnection: a printer down before the link dropped has been down since then.
    const last = latest[0] ?? null;
    return { stationId, version, connectedAt: now, last, recent };
  }

  return {
    drain: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      await reports.flush();
    },
  };
}
