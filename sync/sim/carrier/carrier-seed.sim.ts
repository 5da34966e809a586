/**
 * Labels the carrier sandbox sold without any station asking: bought in the account by hand or by another system (the
 * orphans reconciliation looks for), or many at once for a test or the bench. Each goes through the sandbox's own
 * shipment and purchase code, so it is the same record a station's purchase leaves.
 */
import type { SandboxStore } from './carrier-store.sim';

export interface SeedShipment {
  reference?: string | null;
  weightOz?: number;
  /** The rate bought (default USPS GroundAdvantage). */
  carrier?: string;
  service?: string;
  /** When the shipment was created (ms; default now). */
  createdAt?: number;
  /** The tracker's status (EasyPost's values: pre_transit, in_transit, delivered…). */
  trackingStatus?: string;
  isReturn?: boolean;
}

export const SEED_FROM = { name: 'Warehouse', company: 'Sandbox Goods', street1: '388 Townsend St', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US' };
export const SEED_TO = { name: 'Dr. Steve Brule', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US' };

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function seedEasyPostShipment(store: SandboxStore, seed: SeedShipment, origin: string): { shipmentId: string; trackingCode: string } {
  const shipment = {
    reference: seed.reference ?? null,
    is_return: seed.isReturn ?? false,
    to_address: SEED_TO,
    from_address: SEED_FROM,
    parcel: { weight: seed.weightOz ?? 16, length: 10, width: 8, height: 4 },
    options: { label_format: 'ZPL' },
  };
  const created = store.createShipment({ shipment });
  const id = (created.body as { id?: string }).id;
  const record = id === undefined ? undefined : store.record(id);
  if (created.status !== 201 || !record) throw new Error(`carrier sandbox: seeding a shipment failed (${JSON.stringify(created.body)})`);
  const carrier = seed.carrier ?? 'USPS';
  const service = seed.service ?? 'GroundAdvantage';
  const rate = record.rates.find((r) => r.carrier === carrier && r.service === service);
  if (!rate) throw new Error(`carrier sandbox: no ${carrier} ${service} rate to seed`);
  store.buy(record.id, { rate: { id: rate.id } }, origin);
  if (seed.createdAt !== undefined) {
    record.createdAt = iso(seed.createdAt);
    if (record.postageLabel) record.postageLabel.label_date = record.createdAt;
  }
  if (seed.trackingStatus !== undefined && record.tracker) record.tracker.status = seed.trackingStatus;
  return { shipmentId: record.id, trackingCode: record.trackingCode ?? '' };
}
