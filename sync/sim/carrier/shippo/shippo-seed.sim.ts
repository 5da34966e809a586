/**
 * Labels the Shippo sandbox sold without any station asking (orphans to reconciliation, or many at once for a test or
 * the bench), made through the sandbox's own shipment and transaction handlers so they are the records a station's
 * purchase leaves.
 */
import { SEED_FROM, SEED_TO } from '../carrier-seed.sim';
import { createShipment, createTransaction } from './shippo-sales.sim';
import type { ShippoState } from './shippo-state.sim';

export interface ShippoSeed {
  /** Written as the station writes it: the transaction's metadata `shipment <id> <reference>`. */
  reference?: string | null;
  weightG?: number;
  /** The servicelevel bought (default `usps_ground_advantage`). */
  servicelevel?: string;
  /** When the label was bought (ms; default now). */
  createdAt?: number;
  /** Shippo's tracking status once the carrier scanned it (TRANSIT, DELIVERED, RETURNED, FAILURE). */
  trackingStatus?: string;
}

export function seedShippoLabel(state: ShippoState, seed: ShippoSeed, origin: string): { shipmentId: string; transactionId: string; trackingCode: string } {
  const weight = seed.weightG ?? 450;
  const made = createShipment(state, { address_from: SEED_FROM, address_to: SEED_TO, parcels: [{ length: 10, width: 8, height: 4, distance_unit: 'in', weight, mass_unit: 'g' }], async: false });
  const shipmentId = (made.body as { object_id?: string }).object_id ?? '';
  const token = seed.servicelevel ?? 'usps_ground_advantage';
  const rate = state.shipments.get(shipmentId)?.rates.find((r) => r.servicelevel.token === token);
  if (!rate) throw new Error(`Shippo sandbox: no ${token} rate to seed (${JSON.stringify(made.body)})`);
  const metadata = seed.reference == null ? undefined : `shipment ${shipmentId} ${seed.reference}`.slice(0, 100);
  const bought = createTransaction(state, { rate: rate.object_id, label_file_type: 'ZPLII', async: false, ...(metadata ? { metadata } : {}) }, origin);
  const t = state.transactions.get((bought.body as { object_id?: string }).object_id ?? '');
  if (!t || t.status === 'ERROR' || t.trackingNumber === null) throw new Error(`Shippo sandbox: seeding a label failed (${JSON.stringify(bought.body)})`);
  // A seeded label is made already, even on a sandbox that queues purchases.
  t.status = 'SUCCESS';
  if (seed.createdAt !== undefined) t.createdAt = t.updatedAt = new Date(seed.createdAt).toISOString();
  if (seed.trackingStatus !== undefined) t.trackingStatus = seed.trackingStatus;
  return { shipmentId, transactionId: t.id, trackingCode: t.trackingNumber };
}
