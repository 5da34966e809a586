import type { Actor } from 'xstate';
import type { packingMachine } from '../../app/packing/packing.machine';

/** States with no picking in hand: waiting for one, one that would not load, one finished. */
const AT_REST = new Set(['idle', 'loadFailed', 'done']);

/** Whether a picking is open at the bench: idle sign-out waits until it is finished or left. */
export function packingBusy(actor: Actor<typeof packingMachine>): boolean {
  const value = actor.getSnapshot().value;
  const top = typeof value === 'string' ? value : (Object.keys(value)[0] ?? 'idle');
  return !AT_REST.has(top);
}
