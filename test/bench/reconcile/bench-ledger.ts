/**
 * The stations' side of the bench: each shipped picking's facts as its station uploads them (parcel packed, label
 * bought, picking packed, picking validated), appended to the hub's ledger per station in batches of at most 500.
 */
import type { LedgerStore } from '../../../app/hub/hub.ports';
import type { HubLedgerEntry } from '../../../app/hub/ledger-event.schema';
import { LABEL, packedAt, stationOf, type ReconPlan } from './recon-plan';
import { STEP_MS } from './sandbox-seed';
import type { Shipped } from './sandbox-protocol';

const BATCH = 500;

function factsOf(p: Shipped, at: number): Omit<HubLedgerEntry, 'seq'>[] {
  const ref = { pickingId: p.pickingId, pickingName: p.pickingName };
  return [
    { at, fact: { type: 'parcel.packed', ...ref, parcelIndex: 1, weightG: p.weightG, packageTypeId: 2, items: 3 } },
    {
      at: at + STEP_MS,
      fact: { type: 'label.bought', ...ref, parcelIndex: 1, shipmentId: p.shipmentId, trackingCode: p.trackingCode, carrier: LABEL.carrier, service: LABEL.service, price: p.price, currency: LABEL.currency, isReturn: false },
    },
    { at: at + 2 * STEP_MS, fact: { type: 'picking.packed', ...ref, parcels: 1 } },
    { at: at + 3 * STEP_MS, fact: { type: 'picking.validated', ...ref } },
  ];
}

/** Appends every station's facts; returns how many facts and appends it took. */
export async function appendStationLedgers(ledger: Pick<LedgerStore, 'append'>, plan: ReconPlan, shipped: readonly Shipped[]): Promise<{ facts: number; appends: number }> {
  const byStation = new Map<string, HubLedgerEntry[]>();
  shipped.forEach((p, i) => {
    const entries = byStation.get(stationOf(i)) ?? [];
    for (const e of factsOf(p, packedAt(plan, i))) entries.push({ ...e, seq: entries.length + 1 });
    byStation.set(stationOf(i), entries);
  });
  let facts = 0;
  let appends = 0;
  for (const [stationId, entries] of byStation) {
    for (let at = 0; at < entries.length; at += BATCH) {
      const batch = entries.slice(at, at + BATCH);
      facts += (await ledger.append(stationId, batch, (batch[batch.length - 1]?.at ?? plan.since) + 1000)).stored;
      appends++;
    }
  }
  return { facts, appends };
}
