import type { Picking } from '../domain';

/** 2: starred urgent in Odoo; 1: scheduled before the end of today (station time); 0: the rest. */
export type DeliveryPriority = 0 | 1 | 2;

/**
 * When a station comes back online with a backlog, what ships first: the pickings Odoo marks urgent, then those due
 * today, then the rest (each picking's own events keep their order). "Today" is the station's local day: the day the
 * warehouse works in.
 */
export function deliveryPriority(picking: Pick<Picking, 'urgent' | 'scheduledAt'>, now: number): DeliveryPriority {
  if (picking.urgent === true) return 2;
  if (picking.scheduledAt == null) return 0;
  const endOfToday = new Date(now);
  endOfToday.setHours(24, 0, 0, 0);
  return picking.scheduledAt < endOfToday.getTime() ? 1 : 0;
}
