/**
 * Return labels and end-of-day manifests, built from the station's parts: its carrier platform, ledger, picking
 * copies, Odoo (for pickings it no longer holds) and print spooler. Answers the supervisor's shipping-day channels
 * and gives the scan intake its `O-BTN.return-label` command.
 */
import { join } from 'node:path';
import type { Address } from '../../app/domain/address.schema';
import { errorMessage } from '../../app/domain/errors';
import type { Picking } from '../../app/domain/picking.schema';
import type { CarrierGateway, CarrierPlatform, Clock, LogSink, OdooGateway, OdooPickingFeed, PickingCache, PrintSpooler } from '../../app/ports';
import type { StationDb } from '../../sync/db/station-db';
import { EndOfDayManifests, localDay } from '../../sync/carrier/manifest.service';
import { ReturnLabels } from '../../sync/carrier/return-label.service';
import { ManifestStore } from '../../sync/outbox/manifests.store';
import type { OutboxStore } from '../../sync/outbox/outbox.store';
import { ReturnLabelStore } from '../../sync/outbox/return-labels.store';
import type { RecordPerson } from '../../sync/outbox/record-person';
import type { PrintActorDeps } from '../actors/print.actors';
import type { ResolvedConfig } from '../config/load-config';
import type { CoreBackend } from '../station-core';
import { returnLabelScans, type ScanInterceptor } from './return-label-scan';

export interface ShippingDayDeps {
  config: Pick<ResolvedConfig, 'stationId' | 'dataDir' | 'carrier'>;
  db: StationDb;
  clock: Clock;
  log: LogSink;
  platform: CarrierPlatform;
  /** The carrier desk over `platform` (carrier.wiring.ts): return labels are bought like outbound ones. */
  desk: Pick<CarrierGateway, 'buyLabel'>;
  outbox: OutboxStore;
  cache: PickingCache;
  odoo: Pick<OdooGateway, 'findPicking'> & Pick<OdooPickingFeed, 'loadPickings'>;
  printing: Pick<PrintActorDeps, 'dpi' | 'fitLabel'> & { spooler: Pick<PrintSpooler, 'submit'> };
  /** Wakes the sync engine once a return label's Odoo event is committed. */
  kick: () => void;
  /** Who a bought return label names (whoever is signed in). */
  people?: RecordPerson;
}

export interface ShippingDay {
  returns: ReturnLabels;
  manifests: EndOfDayManifests;
  backend: NonNullable<CoreBackend['shipping']>;
  /** The scan intake's `O-BTN.return-label`; `currentPicking` is the picking on the packer's screen. */
  scans(currentPicking: () => { name: string } | null): ScanInterceptor;
}

/** Ship-from addresses read from Odoo, for pickings the station holds no copy of any more. */
export const shipFromOdoo =
  (odoo: Pick<OdooPickingFeed, 'loadPickings'>) =>
  async (ids: readonly number[]): Promise<Map<number, Address>> =>
    new Map((await odoo.loadPickings(ids)).pickings.map((p) => [p.id, p.warehouse]));

export function createShippingDay(deps: ShippingDayDeps): ShippingDay {
  const { config, db, clock, log, platform, printing, odoo } = deps;
  const returnStore = new ReturnLabelStore(db, clock, deps.outbox, deps.kick, deps.people);
  const manifestStore = new ManifestStore(db, clock);
  const returns = new ReturnLabels({
    desk: deps.desk,
    services: config.carrier.services,
    store: returnStore,
    pickings: {
      cached: (scan) => deps.cache.cachedPicking(scan),
      load: async (ref): Promise<Picking | null> => ('id' in ref ? ((await odoo.loadPickings([ref.id])).pickings[0] ?? null) : odoo.findPicking(ref.scan)),
    },
    printer: { dpi: printing.dpi, fitLabel: printing.fitLabel, submit: (request) => printing.spooler.submit(request) },
    clock,
  });
  const manifests = new EndOfDayManifests({
    platform,
    store: manifestStore,
    shipFrom: shipFromOdoo(odoo),
    documentsDir: join(config.dataDir, 'manifests'),
    print: (zpl) => printing.spooler.submit({ kind: 'manifest-summary', target: 'label', pickingId: null, parcelIndex: null, data: zpl }),
    dpi: printing.dpi,
    stationId: config.stationId,
    clock,
  });
  // One run at a time: a second click while the platform makes the forms would only find the same shipments.
  let running = false;

  const backend: NonNullable<CoreBackend['shipping']> = {
    day() {
      const preview = manifests.preview();
      const start = localDay(clock.now()).start;
      return {
        day: preview.day,
        returns: returnStore.since(start),
        manifests: manifestStore.since(start),
        toManifest: preview.groups,
        leftFromEarlierDays: preview.leftFromEarlierDays,
        failedReturns: [...returns.recentFailures()],
      };
    },
    async returnLabel(req) {
      log.info({ picking: req.picking, who: req.who }, 'return label asked for');
      try {
        const result = await returns.buy(req.picking, req.weightG === undefined ? {} : { weightG: req.weightG });
        log.info({ reference: result.label.reference, tracking: result.label.trackingCode, who: req.who }, 'return label bought');
        return { accepted: true, ...result };
      } catch (error) {
        return { accepted: false, error: errorMessage(error) };
      }
    },
    async manifest(req) {
      if (running) return { accepted: false, error: 'an end-of-day manifest is being made already' };
      running = true;
      try {
        const run = await manifests.run({ ...(req.carrier ? { carrier: req.carrier } : {}), dryRun: req.dryRun });
        log.info({ who: req.who, dryRun: run.dryRun, groups: run.groups.map((g) => `${g.carrier}:${g.outcome}:${g.trackingCodes.length}`) }, 'end-of-day manifest');
        return { accepted: true, run };
      } catch (error) {
        return { accepted: false, error: errorMessage(error) };
      } finally {
        running = false;
      }
    },
  };

  return {
    returns,
    manifests,
    backend,
    scans: (currentPicking) => returnLabelScans({ clock, log, currentPicking, buy: (picking) => returns.buy(picking) }),
  };
}
