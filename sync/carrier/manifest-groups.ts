/**
 * Which of the day's shipments go on one manifest. A carrier's end-of-day form covers one carrier account and one
 * ship-from address (EasyPost refuses a ScanForm over shipments of different origins; Shippo's manifest is per
 * carrier account and address), and it is made on the platform that bought the labels. Pure: rows in, groups out.
 */
import type { Address } from '../../app/domain/address.schema';
import type { CarrierKind } from '../../app/domain/carrier.schema';
import type { Shipment } from '../../app/domain/shipment.schema';

/** A bought outbound shipment not on a manifest yet, as the manifest store reads it. */
export interface ManifestCandidate {
  reference: string;
  pickingId: number | null;
  shipment: Shipment;
  platform: CarrierKind;
  carrier: string;
  boughtAt: number;
}

export interface ShipmentGroup {
  platform: CarrierKind;
  carrier: string;
  carrierAccount: string | null;
  /** null when the station knows no ship-from for these pickings. */
  from: Address | null;
  members: ManifestCandidate[];
}

const norm = (s: string): string => s.trim().toLowerCase();

/** An address compared on what a carrier compares (case and surrounding blanks aside). */
const addressKey = (a: Address | null): string =>
  a === null ? '' : [a.name, a.company, a.street1, a.street2, a.city, a.state, a.zip, a.country].map((p) => norm(p ?? '')).join('|');

/** Shipments of one carrier named in `only` (case-insensitive), or all when `only` is absent. */
export const ofCarrier = (only: string | undefined) => (c: ManifestCandidate): boolean => only === undefined || norm(c.carrier) === norm(only);

/**
 * Groups in a stable order (carrier, account, first purchase), members in purchase order, so a dry run and the run
 * after it list the same thing the same way.
 */
export function groupForManifest(candidates: readonly ManifestCandidate[], fromOf: (pickingId: number | null) => Address | null): ShipmentGroup[] {
  const groups = new Map<string, ShipmentGroup>();
  const ordered = [...candidates].sort((a, b) => a.boughtAt - b.boughtAt || a.reference.localeCompare(b.reference));
  for (const c of ordered) {
    const from = fromOf(c.pickingId);
    const account = c.shipment.rate.carrierAccount ?? null;
    const key = [c.platform, norm(c.carrier), account ?? '', addressKey(from)].join('\u0000');
    const group = groups.get(key);
    if (group) group.members.push(c);
    else groups.set(key, { platform: c.platform, carrier: c.carrier, carrierAccount: account, from, members: [c] });
  }
  return [...groups.values()].sort(
    (a, b) => norm(a.carrier).localeCompare(norm(b.carrier)) || (a.carrierAccount ?? '').localeCompare(b.carrierAccount ?? '') || (a.members[0]?.boughtAt ?? 0) - (b.members[0]?.boughtAt ?? 0),
  );
}
