import type { Picking } from '../domain/picking.schema';
import type { FactAddress, FactNeeds, PickingDifference, PickingFacts } from '../domain/picking-basis.schema';

const EPS = 1e-6;

/** The facts of a picking as the station loaded it to pack: its basis. */
export function basisOf(picking: Picking): PickingFacts {
  return {
    pickingId: picking.id,
    name: picking.name,
    state: picking.state,
    carrier: picking.carrier,
    address: addressOf(picking),
    lines: picking.lines.map((l) => ({ moveId: l.moveId, productId: l.productId, productName: l.productName, quantity: l.quantity })),
  };
}

function addressOf(picking: Picking): FactAddress {
  const p = picking.partner;
  return { partnerId: picking.partnerId ?? null, street1: p.street1, street2: p.street2 ?? '', city: p.city, zip: p.zip };
}

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * What changed in Odoo between the basis the station packed against and what Odoo says now, for the facts `needs`
 * names (those absent from `now` are not compared). Empty when nothing the write depends on changed. A picking in
 * `done` is the caller's to judge (the station's own validation, or someone else's).
 */
export function differences(basis: PickingFacts, now: PickingFacts, needs: FactNeeds): PickingDifference[] {
  const out: PickingDifference[] = [];
  if (now.state === 'cancel') out.push({ field: 'state', what: 'cancelled in Odoo' });
  else if (now.state !== 'done' && now.state !== 'assigned' && now.state !== basis.state) out.push({ field: 'state', what: `no longer ready: ${basis.state} → ${now.state}` });
  if ((basis.carrier?.id ?? null) !== (now.carrier?.id ?? null)) {
    out.push({ field: 'carrier', what: `carrier ${basis.carrier?.name ?? 'none'} → ${now.carrier?.name ?? 'none'}` });
  }
  if (needs.address && basis.address && now.address) out.push(...addressChanges(basis.address, now.address));
  if (needs.lines && basis.lines && now.lines) out.push(...lineChanges(basis.lines, now.lines));
  return out;
}

function addressChanges(was: FactAddress, now: FactAddress): PickingDifference[] {
  if (was.partnerId !== null && now.partnerId !== null && was.partnerId !== now.partnerId) {
    return [{ field: 'address', what: 'delivery address changed to another contact' }];
  }
  const changed = (['street1', 'street2', 'city', 'zip'] as const).filter((k) => norm(was[k]) !== norm(now[k]));
  return changed.length === 0 ? [] : [{ field: 'address', what: `delivery address changed (${changed.join(', ')})` }];
}

function lineChanges(was: NonNullable<PickingFacts['lines']>, now: NonNullable<PickingFacts['lines']>): PickingDifference[] {
  const out: PickingDifference[] = [];
  const nowByMove = new Map(now.map((l) => [l.moveId, l]));
  const wasByMove = new Map(was.map((l) => [l.moveId, l]));
  for (const line of was) {
    const current = nowByMove.get(line.moveId);
    if (!current) out.push({ field: 'line', what: `${line.productName} removed (was ${line.quantity})` });
    else if (current.productId !== line.productId) out.push({ field: 'line', what: `${line.productName} replaced by ${current.productName}` });
    else if (Math.abs(current.quantity - line.quantity) > EPS) out.push({ field: 'line', what: `${line.productName}: ${line.quantity} → ${current.quantity}` });
  }
  for (const line of now) if (!wasByMove.has(line.moveId)) out.push({ field: 'line', what: `${line.productName} ×${line.quantity} added` });
  return out;
}

/** The conflict's text, as stored in the dead letter after `CONFLICT: `. */
/** A picking Odoo shows done while this station still had work to write to it. */
export const VALIDATED_ELSEWHERE: PickingDifference = { field: 'state', what: 'validated in Odoo by someone else before this station recorded its work' };

export function describeConflict(name: string, found: readonly PickingDifference[]): string {
  return `${name} changed in Odoo after it was packed here: ${found.map((d) => d.what).join('; ')}`;
}
