/**
 * Shippo webhooks: who may post, and what a `track_updated` body means for tracking.
 *
 * Who may post — Shippo's "Webhook security" page (https://docs.goshippo.com/docs/tracking/webhooksecurity) offers
 * three options: Shippo's IP ranges, a self-generated token in the URL registered with the webhook
 * (`https://…/?token=123abc`, "returned in your webhook POST call"), and HMAC, which Shippo's team sets up on request
 * (the page gives no format). The hub requires the token: register `https://<hub>/webhooks/shippo?token=<webhookSecret>`
 * (an IP allowlist is a firewall's job). When an HMAC secret is configured as well, the `Shippo-Auth-Signature` header
 * must also match: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the form integrations that have it
 * verify (Shippo does not publish it), within five minutes of the hub's clock.
 *
 * Body — `{event: 'track_updated', test, data: Track}` (https://docs.goshippo.com/docs/tracking/webhooks: "the POST
 * request body will contain a JSON of the Tracking object"); the Track is parsed by the platform adapter's own schema
 * and mapped by the canonical table (app/carrier/tracking.shippo.ts). Other events (transaction_created,
 * transaction_updated, batch_created, batch_purchased) are acknowledged and ignored.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { shippoTrackingReport } from '../../app/carrier/tracking.shippo';
import { ShippoTrackSchema } from '../carrier/shippo.schema';
import { sameSecret, zodIssues, type WebhookReading } from './webhook-reading';

export const SHIPPO_TOKEN_PARAM = 'token';
export const SHIPPO_SIGNATURE_HEADER = 'shippo-auth-signature';
/** How far a signature's time may be from the hub's clock (a replayed body is refused after this). */
export const SHIPPO_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** Whether the webhook URL carries the token registered with Shippo. */
export function verifyShippoToken(url: URL, token: string): boolean {
  const presented = url.searchParams.get(SHIPPO_TOKEN_PARAM);
  return presented !== null && token !== '' && sameSecret(presented, token);
}

/** The `Shippo-Auth-Signature` value for `body` sent at `atMs`. */
export function shippoSignature(body: Buffer, secret: string, atMs: number): string {
  const t = String(Math.floor(atMs / 1000));
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex')}`;
}

/** Whether `header` signs exactly these bytes with `secret`, at a time within the tolerance of `nowMs`. */
export function verifyShippoSignature(body: Buffer, header: string | undefined, secret: string, nowMs: number): boolean {
  if (header === undefined || secret === '') return false;
  const fields = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]));
  const t = fields.get('t');
  const v1 = fields.get('v1');
  if (t === undefined || v1 === undefined || !/^\d{1,12}$/.test(t)) return false;
  if (Math.abs(nowMs - Number(t) * 1000) > SHIPPO_SIGNATURE_TOLERANCE_MS) return false;
  return sameSecret(`t=${t},v1=${v1.toLowerCase()}`, shippoSignature(body, secret, Number(t) * 1000));
}

const EventSchema = z.object({ event: z.string().min(1), test: z.boolean().nullish(), data: z.unknown() });
/** The Track, and the transaction (label purchase) it belongs to when Shippo sold the label. */
const TrackWithTransactionSchema = ShippoTrackSchema.extend({ transaction: z.string().nullish() });

/** What a Shippo webhook body says, once its sender is trusted (already JSON-parsed). */
export function readShippoWebhook(body: unknown): WebhookReading {
  const event = EventSchema.safeParse(body);
  if (!event.success) return { kind: 'malformed', why: zodIssues(event.error) };
  if (event.data.event !== 'track_updated') return { kind: 'ignored', event: event.data.event };
  const track = TrackWithTransactionSchema.safeParse(event.data.data);
  if (!track.success) return { kind: 'malformed', why: `data: ${zodIssues(track.error)}` };
  return {
    kind: 'tracking',
    eventId: null,
    update: { platform: 'shippo', report: shippoTrackingReport(track.data), shipmentId: track.data.transaction ?? null, raw: body },
  };
}
