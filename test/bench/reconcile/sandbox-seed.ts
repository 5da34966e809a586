/**
 * The bench's Odoo, EasyPost and Shippo, seeded through each sandbox's own record paths (no bulk shortcut was needed:
 * 10,000 pickings take seconds): Odoo's pickings created ready, validated and given their tracking reference as a
 * user shipping them (`byHand.shipDone`), with the label copy attached (`ir.attachment` create, as the station
 * attaches it); each label sold through the carrier sandboxes' own shipment and purchase code (`seedShipment`), then
 * the planned differences — carrier corrections, emptied tracking references, parcels never scanned, orphan labels.
 */
import { toOdooDatetime } from '../../../sync/odoo/odoo-datetime';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { ratesFor } from '../../../sync/sim/carrier/carrier-wire.sim';
import { ShippoSandbox } from '../../../sync/sim/carrier/shippo/shippo-sandbox.sim';
import type { SeededPicking } from '../../../sync/sim/odoo/demo-data.sim';
import { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import type { SandboxVersion } from '../../../sync/sim/odoo/stock-models.sim';
import { CORRECTION, LABEL, corrected, neverScanned, orphanAt, packedAt, trackingCleared, type ReconPlan } from './recon-plan';
import type { Shipped } from './sandbox-protocol';

const GRAMS_PER_OUNCE = 28.349523125;
/** The box and filling the station's scale weighs with the products. */
const BOX_G = 250;
/** The station's facts of one picking follow each other by a millisecond: packed, label bought, done, validated. */
export const STEP_MS = 1;

export interface SeededSandboxes {
  odoo: OdooSandbox;
  easypost: CarrierSandbox;
  shippo: ShippoSandbox;
  urls: { odoo: string; easypost: string; shippo: string };
  shipped: Shipped[];
  seeding: { system: string; ms: number; what: string }[];
}

const weightOf = (p: SeededPicking): number => BOX_G + p.lines.reduce((g, l) => g + l.quantity * l.unitWeightG, 0);

/** The price the station was quoted: the sandbox's own rate for this weight. */
function quoted(weightOz: number): number {
  const rate = ratesFor('', weightOz, new Date().toISOString()).find((r) => r.carrier === LABEL.carrier && r.service === LABEL.service);
  if (!rate) throw new Error(`the carrier sandbox sells no ${LABEL.carrier} ${LABEL.service}`);
  return Number(rate.rate);
}

class Stopwatch {
  readonly laps: { system: string; ms: number; what: string }[] = [];
  private readonly totals = new Map<string, number>();

  time<T>(system: string, fn: () => T): T {
    const started = performance.now();
    try {
      return fn();
    } finally {
      this.totals.set(system, (this.totals.get(system) ?? 0) + performance.now() - started);
    }
  }

  lap(system: string, what: string): void {
    this.laps.push({ system, ms: this.totals.get(system) ?? 0, what });
  }
}

export async function seedSandboxes(plan: ReconPlan, version: SandboxVersion): Promise<SeededSandboxes> {
  const odoo = new OdooSandbox({ version });
  const easypost = await CarrierSandbox.start();
  const shippo = new ShippoSandbox();
  const urls = { odoo: (await odoo.listen(0)).url, easypost: easypost.url, shippo: (await shippo.listen(0)).url };
  const watch = new Stopwatch();
  const pickings = watch.time('Odoo', () => odoo.createPickings(plan.n));
  const shipped: Shipped[] = pickings.map((p, i) => {
    const at = packedAt(plan, i);
    const weightG = weightOf(p);
    const weightOz = Math.round((weightG / GRAMS_PER_OUNCE) * 10) / 10;
    const label = { reference: `${p.name}#1`, createdAt: at + STEP_MS };
    const sold = watch.time('EasyPost', () => {
      const s = easypost.seedShipment({ ...label, weightOz, trackingStatus: neverScanned(i) ? 'pre_transit' : 'delivered' });
      if (corrected(i)) easypost.addAdjustment(s.shipmentId, { reason: 'carrier weight correction', amount: CORRECTION.amount, billedWeightOz: weightOz + CORRECTION.extraOz });
      return s;
    });
    watch.time('Shippo', () => {
      const s = shippo.seedShipment({ ...label, weightG, ...(neverScanned(i) ? {} : { trackingStatus: 'DELIVERED' }) });
      if (corrected(i)) shippo.addAdjustment(s.transactionId, { reason: 'USPS weight correction', amount: CORRECTION.amount, billedWeightOz: weightOz + CORRECTION.extraOz });
    });
    watch.time('Odoo', () => {
      odoo.byHand.shipDone(p.id, sold.trackingCode, at + 3 * STEP_MS);
      odoo.createInOdoo('ir.attachment', { name: `Label-${sold.trackingCode}.zpl`, res_model: 'stock.picking', res_id: p.id, datas: Buffer.from('^XA^XZ').toString('base64'), mimetype: 'text/plain' });
      if (trackingCleared(i)) odoo.byHand.clearTrackingRef(p.id);
    });
    return { pickingId: p.id, pickingName: p.name, weightG, shipmentId: sold.shipmentId, trackingCode: sold.trackingCode, price: quoted(weightOz) };
  });
  for (let k = 0; k < plan.orphans; k++) {
    const createdAt = orphanAt(plan, k);
    watch.time('EasyPost', () => easypost.seedShipment({ reference: null, createdAt, trackingStatus: 'in_transit' }));
    watch.time('Shippo', () => shippo.seedShipment({ reference: null, createdAt, trackingStatus: 'TRANSIT' }));
  }
  const num = (v: number) => v.toLocaleString('en');
  const labels = `${num(plan.n + plan.orphans)} labels sold (${num(plan.orphans)} orphans), ${num(pickings.filter((_, i) => corrected(i)).length)} corrected by the carrier`;
  watch.lap('Odoo', `${num(plan.n)} pickings done with tracking reference and label attachment, ${toOdooDatetime(plan.since).slice(0, 10)}`);
  watch.lap('EasyPost', labels);
  watch.lap('Shippo', labels);
  return { odoo, easypost, shippo, urls, shipped, seeding: watch.laps };
}
