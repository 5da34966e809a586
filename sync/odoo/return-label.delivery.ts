import type { OutboxPayload } from '../../app/domain/outbox-event.schema';
import type { PickingWork } from '../../app/ports';

type ReturnLabelEvent = Extract<OutboxPayload, { type: 'return.label' }>;

/** The chatter note's first words: a retried delivery finds the note by them and posts no second one. */
export const returnNoteMarker = (trackingCode: string): string => `Return label ${trackingCode}`;

/**
 * A return label in Odoo: its ZPL attached to the picking as `Return-<tracking>.zpl` and a note in the chatter with
 * its tracking code. The code stays out of `carrier_tracking_ref`, which lists the outbound parcels (customers and
 * Odoo's tracking link read it). Both writes find what an earlier, interrupted delivery made and make it only once.
 */
export async function deliverReturnLabel(work: PickingWork, event: ReturnLabelEvent, stationId: string): Promise<void> {
  await work.attachLabels([{ name: event.labelName, zpl: event.labelZpl }]);
  const marker = returnNoteMarker(event.trackingCode);
  await work.noteOnce(marker, `${marker} (${event.carrier} ${event.service}, ${event.reference}) bought at station ${stationId}; the label is attached as ${event.labelName}.`);
}
