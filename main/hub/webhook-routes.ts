/**
 * The carrier platforms' webhooks at the hub: `POST /webhooks/easypost` (signed: `X-Hmac-Signature`) and
 * `POST /webhooks/shippo?token=<webhookSecret>` (the URL registered with Shippo carries the token; HMAC too when set
 * up). The raw body is read (at most 1 MB) and verified before anything else is looked at; a request that fails is
 * refused (401 without a signature or token, 403 with a wrong one) and nothing of it is stored. A malformed body is a
 * 400, an event of another kind is acknowledged (200) and dropped, a tracking report is ingested before the 200: a
 * platform that gets no 2xx sends again, so a report the hub could not store (500) is not lost.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../app/ports';
import { errorMessage } from '../../app/domain/errors';
import { EASYPOST_SIGNATURE_HEADER, readEasyPostWebhook, verifyEasyPostSignature } from '../../sync/recon/easypost-webhook';
import { readShippoWebhook, SHIPPO_SIGNATURE_HEADER, verifyShippoSignature, verifyShippoToken } from '../../sync/recon/shippo-webhook';
import type { TrackingIngestService } from '../../sync/recon/tracking-ingest.service';
import type { WebhookReading } from '../../sync/recon/webhook-reading';
import { sendJson } from '../headless/ui.server';
import { HttpError, parseJsonBody, readRawBody } from './hub-http';
import type { Log } from '../log';

export const WEBHOOK_MAX_BODY = 1024 * 1024;

export interface WebhookDeps {
  ingest: Pick<TrackingIngestService, 'ingest'>;
  /** hub.json `carriers.easypost.webhookSecret`; unset: the EasyPost webhook is not served (404). */
  easypost?: { webhookSecret: string } | undefined;
  /** hub.json `carriers.shippo.webhookSecret` (the URL token); `hmacSecret` when Shippo has set up HMAC signing. */
  shippo?: { webhookSecret: string; hmacSecret?: string | undefined } | undefined;
  clock: Pick<Clock, 'now'>;
  log: Pick<Log, 'info' | 'warn' | 'error'>;
  maxBodyBytes?: number;
}

const PATH = /^\/webhooks\/(easypost|shippo)\/?$/;

/** Answers the request when it is a webhook path (true); false leaves it to the hub's other routes. */
export async function handleWebhook(req: IncomingMessage, res: ServerResponse, deps: WebhookDeps): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://hub');
  const platform = PATH.exec(url.pathname)?.[1] as 'easypost' | 'shippo' | undefined;
  if (platform === undefined) return false;
  try {
    const answer = await receive(platform, req, url, deps);
    sendJson(res, 200, answer, {});
  } catch (err) {
    if (err instanceof HttpError) {
      if (err.status === 401 || err.status === 403) deps.log.warn({ platform, from: req.socket.remoteAddress, why: err.message }, 'webhook refused');
      sendJson(res, err.status, { error: err.message }, err.status === 405 ? { Allow: 'POST' } : err.status === 413 ? { Connection: 'close' } : {});
    } else {
      deps.log.error({ platform, err }, 'webhook not stored');
      sendJson(res, 500, { error: `not stored (${errorMessage(err)}): send it again` }, {});
    }
  }
  return true;
}

async function receive(platform: 'easypost' | 'shippo', req: IncomingMessage, url: URL, deps: WebhookDeps): Promise<object> {
  if (req.method !== 'POST') throw new HttpError(405, 'use POST');
  let reading: WebhookReading;
  if (platform === 'easypost') {
    if (!deps.easypost) throw new HttpError(404, 'no EasyPost account is configured on this hub');
    const body = await readRawBody(req, deps.maxBodyBytes ?? WEBHOOK_MAX_BODY);
    const signature = header(req, EASYPOST_SIGNATURE_HEADER);
    if (signature === undefined) throw new HttpError(401, 'X-Hmac-Signature missing');
    if (!verifyEasyPostSignature(body, signature, deps.easypost.webhookSecret)) throw new HttpError(403, 'signature does not match');
    reading = readEasyPostWebhook(parseJsonBody(body));
  } else {
    if (!deps.shippo) throw new HttpError(404, 'no Shippo account is configured on this hub');
    if (!url.searchParams.has('token')) throw new HttpError(401, 'token missing');
    if (!verifyShippoToken(url, deps.shippo.webhookSecret)) throw new HttpError(403, 'token does not match');
    const body = await readRawBody(req, deps.maxBodyBytes ?? WEBHOOK_MAX_BODY);
    const { hmacSecret } = deps.shippo;
    if (hmacSecret !== undefined) {
      const signature = header(req, SHIPPO_SIGNATURE_HEADER);
      if (signature === undefined) throw new HttpError(401, 'Shippo-Auth-Signature missing');
      if (!verifyShippoSignature(body, signature, hmacSecret, deps.clock.now())) throw new HttpError(403, 'signature does not match');
    }
    reading = readShippoWebhook(parseJsonBody(body));
  }
  if (reading.kind === 'malformed') throw new HttpError(400, reading.why);
  if (reading.kind === 'ignored') return { ok: true, ignored: reading.event };
  const outcome = await deps.ingest.ingest(reading.update, 'webhook');
  return { ok: true, trackingCode: outcome.trackingCode, status: outcome.after, changed: outcome.changed };
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

