/**
 * The carrier platforms' webhook calls, as the sandbox makes them: EasyPost Events (`tracker.updated` around a
 * Tracker, shaped like EasyPost/examples `official/fixtures/event-body.json`) signed the way EasyPost signs them
 * (`X-Hmac-Signature: hmac-sha256-hex=…` over the exact bytes sent), and Shippo `track_updated` bodies
 * (`{event, test, data: Track}`) posted to the URL registered with its `?token=`, optionally HMAC-signed. The trackers
 * and tracks come from the sandbox's own (carrier-tracker.sim.ts, shippo/shippo-tracks.sim.ts); `…AsOf` cuts one to
 * the scans known at an earlier moment, which is how a platform reports a parcel scan by scan.
 */
import { easyPostSignature, EASYPOST_SIGNATURE_HEADER } from '../../recon/easypost-webhook';
import { SHIPPO_SIGNATURE_HEADER, SHIPPO_TOKEN_PARAM, shippoSignature } from '../../recon/shippo-webhook';
import { isoNow, newId } from './carrier-wire.sim';

type Json = Record<string, unknown>;

const listOf = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** An EasyPost Event as a webhook delivers it. */
export function easyPostEvent(result: Json, description = 'tracker.updated', previous: Json = {}): Json {
  const at = isoNow();
  return {
    description,
    mode: result.mode ?? 'test',
    previous_attributes: previous,
    created_at: at,
    pending_urls: ['https://example.com/easypost'],
    completed_urls: [],
    updated_at: at,
    id: newId('evt'),
    user_id: 'user_1',
    status: 'pending',
    object: 'Event',
    result,
  };
}

/** The tracker as EasyPost knew it after its first `scans` tracking details (its status is the last one's). */
export function trackerAsOf(tracker: Json, scans: number): Json {
  const details = listOf(tracker.tracking_details).slice(0, scans);
  const last = details.at(-1);
  return { ...tracker, tracking_details: details, status: last?.status ?? 'unknown', status_detail: last?.status_detail ?? 'unknown', signed_by: null };
}

/** A Shippo `track_updated` webhook body. */
export function shippoTrackUpdated(track: Json, test = true): Json {
  return { event: 'track_updated', test, data: track };
}

/** The track as Shippo knew it after its first `entries` history entries. */
export function trackAsOf(track: Json, entries: number): Json {
  const history = listOf(track.tracking_history).slice(0, entries);
  return { ...track, tracking_history: history, tracking_status: history.at(-1) ?? null };
}

export interface WebhookReply {
  status: number;
  body: unknown;
}

async function post(url: URL, body: Buffer, headers: Record<string, string>): Promise<WebhookReply> {
  const res = await fetch(url, { method: 'POST', body: new Uint8Array(body), headers: { 'Content-Type': 'application/json', 'User-Agent': 'sandbox-webhooks/1', ...headers }, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the text is the answer.
  }
  return { status: res.status, body: parsed };
}

/** POSTs an EasyPost Event to `url`, signed with `secret` (null: unsigned, as a forger would send it). */
export function sendEasyPostWebhook(url: string, event: Json, secret: string | null): Promise<WebhookReply> {
  const body = Buffer.from(JSON.stringify(event), 'utf8');
  return post(new URL(url), body, secret === null ? {} : { [EASYPOST_SIGNATURE_HEADER]: easyPostSignature(body, secret) });
}

export interface ShippoSendOptions {
  /** The token of the registered URL (null: the URL without one). */
  token: string | null;
  /** Sign with `Shippo-Auth-Signature` too. */
  hmacSecret?: string;
  now?: number;
}

/** POSTs a Shippo webhook body to `url` (the token added as Shippo's registered URL carries it). */
export function sendShippoWebhook(url: string, payload: Json, opts: ShippoSendOptions): Promise<WebhookReply> {
  const target = new URL(url);
  if (opts.token !== null) target.searchParams.set(SHIPPO_TOKEN_PARAM, opts.token);
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const headers: Record<string, string> = {};
  if (opts.hmacSecret !== undefined) headers[SHIPPO_SIGNATURE_HEADER] = shippoSignature(body, opts.hmacSecret, opts.now ?? Date.now());
  return post(target, body, headers);
}
