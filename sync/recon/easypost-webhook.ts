/**
 * EasyPost webhooks: the signature, and what an Event means for tracking.
 *
 * Signature — as EasyPost's official clients check it (`validate_webhook` in EasyPost/easypost-python
 * `easypost/util.py`, commit edfbf33; the same in easypost-node/-ruby/-php/-csharp): the `X-Hmac-Signature` header is
 * `hmac-sha256-hex=` + the hex HMAC-SHA256 of the raw body, keyed with the webhook secret normalised to Unicode NFKD
 * and encoded as UTF-8; compared in constant time. Test vector: their shared fixture `event-body.json` with the secret
 * `sécret` gives `hmac-sha256-hex=38f3f53c…` (EasyPost/examples `official/fixtures/client-library-fixtures.json`).
 *
 * Body — an Event `{object: 'Event', description: 'tracker.updated', result: Tracker}`; the Tracker is parsed by the
 * platform adapter's own schema and mapped by the canonical tracking table (app/carrier/tracking.easypost.ts). Events
 * of other kinds (batch.*, scan_form.*, refund.*, …) are acknowledged and ignored.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { easyPostTrackingReport } from '../../app/carrier/tracking.easypost';
import { EasyPostTrackerSchema } from '../carrier/easypost.schema';
import { sameSecret, zodIssues, type WebhookReading } from './webhook-reading';

export const EASYPOST_SIGNATURE_HEADER = 'x-hmac-signature';
const PREFIX = 'hmac-sha256-hex=';

/** The header value EasyPost sends with `body` for a webhook whose secret is `secret`. */
export function easyPostSignature(body: Buffer, secret: string): string {
  return PREFIX + createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8')).update(body).digest('hex');
}

/** Whether `header` is EasyPost's signature of exactly these bytes. */
export function verifyEasyPostSignature(body: Buffer, header: string | undefined, secret: string): boolean {
  if (header === undefined || secret === '') return false;
  return sameSecret(header.trim(), easyPostSignature(body, secret));
}

const EventSchema = z.object({
  object: z.literal('Event'),
  id: z.string().nullish(),
  description: z.string().min(1),
  result: z.unknown(),
});

/** Events whose `result` is a Tracker. */
const TRACKER_EVENTS = new Set(['tracker.created', 'tracker.updated']);

/** What a verified EasyPost webhook body says (already JSON-parsed). */
export function readEasyPostWebhook(body: unknown): WebhookReading {
  const event = EventSchema.safeParse(body);
  if (!event.success) return { kind: 'malformed', why: zodIssues(event.error) };
  if (!TRACKER_EVENTS.has(event.data.description)) return { kind: 'ignored', event: event.data.description };
  const tracker = EasyPostTrackerSchema.safeParse(event.data.result);
  if (!tracker.success) return { kind: 'malformed', why: `result: ${zodIssues(tracker.error)}` };
  return {
    kind: 'tracking',
    eventId: event.data.id ?? null,
    update: { platform: 'easypost', report: easyPostTrackingReport(tracker.data), shipmentId: tracker.data.shipment_id ?? null, raw: body },
  };
}
