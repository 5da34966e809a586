/**
 * The composition root: the one place that knows every concrete class. Hosts (headless, Electron, demo, tests)
 * call `createStation` and get a running agent with a `StationCore` to serve to their UI.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createActor } from 'xstate';
import type { Clock } from '../app/ports';
import type { StationStatus } from '../app/domain';
import { StationError } from '../app/domain/errors';
import { TokenBucket } from '../app/retry/token-bucket';
import { packingMachine } from '../app/packing/packing.machine';
import { createScale } from '../drivers/scales/create-scale';
import { SerialScanner } from '../drivers/scanners/serial-scanner';
import { openStationDb, closeStationDb, type StationDb, watchDbIdentity } from '../sync/db/station-db';
import { SqliteLedger } from '../sync/outbox/sqlite-ledger';
import { SqlitePickingCache } from '../sync/outbox/picking-cache.store';
import { SqliteCarrierExceptions } from '../sync/outbox/carrier-exceptions.store';
import { OutboxStore } from '../sync/outbox/outbox.store';
import { SyncEngine } from '../sync/engine/sync.engine';
import { createOdooDeliverer } from '../sync/odoo/odoo.deliverer';
import { ConflictGuard } from '../sync/conflicts/conflict-guard';
import { PickingBasisStore } from '../sync/conflicts/picking-basis.store';
import { OdooJsonRpcGateway } from '../sync/odoo/odoo.gateway';
import { PickingPrefetcher } from '../sync/odoo/picking-prefetch';
import { VoidedLabelsStore } from '../sync/outbox/voided-labels.store';
import type { ResolvedConfig } from './config/load-config';
import { createPackingActors } from './actors/packing.actors';
import { StationCoreService } from './station-core';
import { buildStationStatus } from './status/station-status';
import { randomIds, systemClock } from './system-clock';
import { silentLog } from './log';
import { wireWeighing } from './wiring/weighing.wiring';
import { createScanIntake } from './wiring/scan.wiring';
import { createPrinting } from './wiring/printing.wiring';
import { createStationMetrics } from './metrics/station-metrics';
import { ledgerCounts } from './metrics/ledger-counts.query';
import { createDeadLetterChannels, type DeadLetterDeps } from './wiring/dead-letters.wiring';
import { createCarrierPlatform, createShippingDesk } from './wiring/carrier.wiring';
import { createShippingDay } from './wiring/shipping-day.wiring';
import { createBenchUi } from './wiring/bench-ui.wiring';
import { createBenchFeedback } from './wiring/feedback.wiring';
import { createCarrierExceptionChannels } from './wiring/carrier-exceptions.wiring';
import { createLabelChannels, voidCancelledPickings } from './wiring/labels.wiring';
import { createCarrierDeliverer } from '../sync/carrier/label-void.deliverer';
import { createHubWiring, type HubWiring } from './wiring/hub.wiring';
import { createHubDeliverer } from '../sync/hub/hub-ledger.deliverer';
import type { Station, StationDeps } from './station.types';

export type { Station, StationDeps } from './station.types';

const STATUS_PUSH_MS = 1000;
/** Deliveries in a burst (a backlog draining) push one status, not one each: each status counts the backlog. */
const STATUS_AFTER_DELIVERY_MS = 100;

/** `sync.odoo.rps` / `sync.carrier.rps`: a token bucket in front of every request to that remote, when set. */
const limiterFor = (limit: { rps?: number | undefined; burst: number }, clock: Clock): { limiter?: TokenBucket } =>
  limit.rps === undefined ? {} : { limiter: new TokenBucket({ ratePerSecond: limit.rps, burst: limit.burst, clock }) };

export function createStation(config: ResolvedConfig, deps: StationDeps = {}): Station {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? silentLog();
  try {
    mkdirSync(config.dataDir, { recursive: true });
  } catch (cause) {
    throw new StationError('CONFIG', `data dir ${config.dataDir} cannot be created`, { cause });
  }
  const db = openStationDb(join(config.dataDir, 'station.db'));
  try {
    const hub = createHubWiring(config, { db, clock, log: log.child({ part: 'hub' }), ...(deps.hubTokens ? { tokens: deps.hubTokens } : {}) });
    return assembleStation(config, hub ? { ...deps, hubUplink: deps.hubUplink ?? hub.link } : deps, { db, clock, log, hub });
  } catch (error) {
    // A constructor that refuses the config (a URL, a device path) must not leave the database open behind it.
    closeStationDb(db);
    throw error;
  }
}

type Parts = { db: StationDb; clock: Clock; log: Logger; hub: HubWiring | null };
function assembleStation(config: ResolvedConfig, deps: StationDeps, { db, clock, log, hub }: Parts): Station {
  const store = new OutboxStore(db, clock, { hubLedger: config.hub !== undefined });
  const people = { person: () => bench.session.person() }; // records name who is signed in (`bench` below: asked only at run time)
  const ledger = new SqliteLedger(db, clock, store, people);
  const cache = new SqlitePickingCache(db, clock, store);
  const metrics = createStationMetrics({
    stationId: config.stationId,
    sources: { ...ledgerCounts(db), outbox: () => store.status(clock.now()).sync },
    log: log.child({ part: 'remote' }),
  });
  const limits = { odoo: limiterFor(config.sync.odoo, clock), carrier: limiterFor(config.sync.carrier, clock) };
  const odoo = new OdooJsonRpcGateway({
    url: config.odoo.url,
    db: config.odoo.db,
    login: config.odoo.login,
    apiKey: config.odoo.apiKey,
    timeoutMs: config.odoo.timeoutMs,
    observer: metrics.observeRemoteCall,
    ...limits.odoo,
  });
  const basis = new PickingBasisStore(db, clock);
  const claims = config.odoo.claims.enabled
    ? { port: odoo.claimsFor(config.stationId, config.odoo.claims.ttlMinutes * 60_000, () => clock.now()), ttlMinutes: config.odoo.claims.ttlMinutes }
    : undefined;
  const labels = new VoidedLabelsStore(db, clock, store);
  const exceptions = new SqliteCarrierExceptions(db, clock);
  const onCancelled = voidCancelledPickings({ ledger, log: log.child({ part: 'labels' }) });
  const prefetch = new PickingPrefetcher({ feed: odoo, cache, clock, options: config.odoo.prefetch, log: log.child({ part: 'prefetch' }), onCancelled });
  // The packing flow buys through the desk (checks, address verification, rate policy, exceptions), like returns do.
  const platform = createCarrierPlatform(config.carrier, { observer: metrics.observeRemoteCall, ...limits.carrier });
  const desk = createShippingDesk(config.carrier, platform, { ledger, clock });
  const voids = createCarrierDeliverer({ platform, labels, exceptions });
  const sync = new SyncEngine({
    store,
    deliverers: {
      odoo: metrics.deliverer('odoo', createOdooDeliverer(odoo, { guard: new ConflictGuard(basis, odoo), ...(claims ? { claims: claims.port } : {}), stationId: config.stationId })),
      carrier: metrics.deliverer('carrier', voids),
      ...(deps.hubUplink ? { hub: metrics.deliverer('hub', createHubDeliverer(deps.hubUplink)) } : {}),
    },
    probes: { odoo: () => odoo.probe(), ...(hub ? { hub: () => hub.link.probe() } : {}) },
    clock,
    policy: config.sync,
    concurrency: config.sync.maxPickingsInFlight,
    log: log.child({ part: 'sync' }),
  });
  const scale = createScale(config.scale, { clock, log: log.child({ part: 'scale' }) });
  const scanner = new SerialScanner(config.scanner, { clock, log: log.child({ part: 'scanner' }) });
  const printing = createPrinting(config, {
    db,
    clock,
    ids: deps.ids ?? randomIds,
    people,
    log: log.child({ part: 'print' }),
    ...(deps.printPolicy ? { policy: deps.printPolicy } : {}),
    onLabelPrinted: (pickingId, parcelIndex) => ledger.recordLabelPrinted(pickingId, parcelIndex),
  });
  const { labelPrinter, spooler } = printing;

  // One way to wake the sync engine: the ledger says when a committed transaction queued an event.
  ledger.onEnqueued(() => sync.kick());
  const actors = createPackingActors({ odoo, carrier: desk, ledger, cache, config, exceptions, clock, printing: printing.actorDeps, basis, ...(claims ? { claims } : {}) });
  const actor = createActor(packingMachine.provide({ actors }), { input: config.packing });
  const feedback = createBenchFeedback(actor, { clock, log: log.child({ part: 'feedback' }), publish: (v) => core.publish('packing:view', v) });
  const view = () => feedback.view();
  const stationStatus = () =>
    buildStationStatus({
      stationId: config.stationId,
      now: () => clock.now(),
      view,
      outbox: sync,
      scale,
      scanner,
      labelPrinter: { health: () => printing.labelPrinterHealth() },
      pickingCache: prefetch,
      rateLimits: { odoo: limits.odoo.limiter, carrier: limits.carrier.limiter },
    });

  // Set once the database file is found deleted or replaced: the station then takes no more work.
  let storageLost: StationError | null = null;
  const status = (): StationStatus => ({
    ...stationStatus(),
    storage: { ok: storageLost === null, error: storageLost?.message ?? null },
    carrierExceptions: { open: exceptions.openCount() },
    ...(hub ? { hub: hub.linkStatus() } : {}),
  });

  const shipping = createShippingDay({ config, db, clock, log: log.child({ part: 'shipping-day' }), platform, desk, outbox: store, cache, odoo, printing: printing.actorDeps, kick: () => sync.kick(), people });
  const returnLabels = shipping.scans(() => actor.getSnapshot().context.picking);
  const bench = createBenchUi(config, { db, clock, log: log.child({ part: 'bench' }), actor, odoo: () => odoo.apiSession(), publishSession: (v) => core.publish('people:session', v), printing });
  const scans = createScanIntake(actor, {
    clock,
    log: log.child({ part: 'scan' }),
    blockedBy: (raw) => (storageLost ? `the station database is lost: ${storageLost.message}` : (hub?.refusal(raw, actor.getSnapshot().value) ?? null)),
    intercept: (code) => bench.scans(code) ?? returnLabels(code) ?? feedback.scans(code),
  });
  const deadLetterDeps: DeadLetterDeps = {
    db,
    clock,
    log: log.child({ part: 'dead-letters' }),
    secrets: [config.odoo.apiKey, config.carrier.apiKey],
    // A replayed event is due now: deliver it without waiting for the engine's next look; show the new counts.
    onChange: () => {
      sync.kick();
      publishStatus();
    },
  };
  const core = new StationCoreService({
    view,
    status,
    scan: (code) => scans.submit(code),
    command: (action) => {
      actor.send({ type: 'COMMAND', action });
      return true;
    },
    scaleCommand: (action) => scale.command(action),
    ...bench,
    routes: { ...bench.routes, ...feedback.routes },
    printJobs: (limit) => printing.printJobs(limit),
    resolvePrint: (jobId, printed, who, reason) => printing.resolvePrint(jobId, printed, who, reason),
    reprint: (jobId, who, reason) => printing.reprint(jobId, who, reason),
    shipping: shipping.backend,
    ...createCarrierExceptionChannels({ queue: exceptions, log: log.child({ part: 'carrier-exceptions' }), onChange: () => publishStatus() }),
    ...createLabelChannels({ ledger, labels, log: log.child({ part: 'labels' }) }),
    ...createDeadLetterChannels(deadLetterDeps),
  });

  const unsubscribers: (() => void)[] = [];
  let statusTimer: unknown = null;
  // Status carries ages (oldest pending event), so it is re-pushed on a timer; it is built only when a UI listens.
  const publishStatus = () => {
    if (core.hasSubscribers('station:status')) core.publish('station:status', status());
  };
  const pushStatus = () => {
    publishStatus();
    statusTimer = clock.setTimeout(pushStatus, STATUS_PUSH_MS);
  };
  let deliveredTimer: unknown = null;
  const publishAfterDelivery = () => {
    if (deliveredTimer !== null) return;
    deliveredTimer = clock.setTimeout(() => {
      deliveredTimer = null;
      publishStatus();
    }, STATUS_AFTER_DELIVERY_MS);
  };

  /**
   * Nothing more may be written to a file nobody will read: the connection turns read-only (SQLite itself refuses
   * every write from here on, while the status can still be read), the writers stop, and the status says why.
   */
  const loseStorage = async (error: StationError) => {
    storageLost = error;
    db.pragma('query_only = ON');
    log.error({ code: error.code, err: error.message }, 'station database lost: the station stopped taking work');
    publishStatus();
    await spooler.stop().catch(() => {});
    await sync.stop().catch(() => {});
    await prefetch.stop();
  };

  return {
    core,
    actor,
    sync,
    spooler,
    metrics,
    devices: { scale, scanner, labelPrinter },
    status,
    async start() {
      // Every scale reading is a snapshot: project it only when a UI listens.
      const sub = actor.subscribe((snapshot) => {
        if (core.hasSubscribers('packing:view')) core.publish('packing:view', feedback.view(snapshot));
      });
      unsubscribers.push(() => sub.unsubscribe());
      unsubscribers.push(wireWeighing(actor, scale, config.scale).stop);
      unsubscribers.push(scanner.onScan((code) => void scans.submit(code)));
      unsubscribers.push(() => scans.stop());
      for (const [device, source] of [['scale', scale], ['scanner', scanner], ['labelPrinter', labelPrinter]] as const) {
        unsubscribers.push(source.onHealth((h) => actor.send({ type: 'DEVICE.CHANGED', device, state: h.state, detail: h.detail })));
      }
      unsubscribers.push(sync.onDelivered(publishAfterDelivery));
      unsubscribers.push(() => void (deliveredTimer !== null && clock.clearTimeout(deliveredTimer)));
      unsubscribers.push(metrics.countReadings(scale));
      unsubscribers.push(printing.attach(actor, core));
      unsubscribers.push(bench.start());
      actor.start();
      await Promise.all([scale.start(), scanner.start(), printing.start(), sync.start(), prefetch.start()]);
      pushStatus();
      hub?.start({ core, status, deadLetters: createDeadLetterChannels({ ...deadLetterDeps, via: 'hub' }) });
      const dbWatch = watchDbIdentity(db, { clock, onLost: (error) => void loseStorage(error) });
      unsubscribers.push(() => dbWatch.stop());
      log.info({ stationId: config.stationId }, 'station started');
    },
    async stop() {
      if (statusTimer !== null) clock.clearTimeout(statusTimer);
      for (const off of unsubscribers.splice(0)) off();
      actor.stop();
      // The spooler stops before the database closes: a job in flight gets its outcome written.
      await Promise.allSettled([scale.stop(), scanner.stop(), printing.stop(), prefetch.stop(), hub?.stop()]);
      await sync.stop();
      closeStationDb(db);
      log.info({ stationId: config.stationId }, 'station stopped');
    },
  };
}
