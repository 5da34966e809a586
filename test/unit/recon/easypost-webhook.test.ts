import { describe, expect, it } from 'vitest';
import { easyPostTrackingReport } from '../../../app/carrier/tracking.easypost';
import { EasyPostTrackerSchema } from '../../../sync/carrier/easypost.schema';
import { easyPostSignature, readEasyPostWebhook, verifyEasyPostSignature } from '../../../sync/recon/easypost-webhook';
import { readFixture } from '../../support/third-party-fixtures';

const docs = (file: string): string => readFixture('utf8', 'easypost-docs-examples', file);
// The official clients' tests read event-body.json without its final newline and sign those bytes.
const eventBody = Buffer.from(docs('fixtures/event-body.json').replace(/\n$/, ''), 'utf8');
const { webhooks } = JSON.parse(docs('fixtures/client-library-fixtures.json')) as { webhooks: { secret: string; hmac_signature: string } };

describe('EasyPost webhook signature (validate_webhook of the official clients)', () => {
  it('matches the official vector: event-body.json signed with the fixtures secret', () => {
    expect(webhooks.secret).toBe('sécret');
    expect(easyPostSignature(eventBody, webhooks.secret)).toBe(webhooks.hmac_signature);
    expect(verifyEasyPostSignature(eventBody, webhooks.hmac_signature, webhooks.secret)).toBe(true);
  });

  it('normalises the secret to NFKD, so a composed or decomposed é is the same secret', () => {
    const composed = 'sécret'.normalize('NFC');
    const decomposed = 'sécret'.normalize('NFD');
    expect(composed).not.toBe(decomposed);
    expect(verifyEasyPostSignature(eventBody, webhooks.hmac_signature, composed)).toBe(true);
    expect(verifyEasyPostSignature(eventBody, webhooks.hmac_signature, decomposed)).toBe(true);
  });

  it('refuses another secret, a changed body, a missing header, a bare hex digest, an empty secret', () => {
    expect(verifyEasyPostSignature(eventBody, webhooks.hmac_signature, 'secret')).toBe(false);
    expect(verifyEasyPostSignature(Buffer.concat([eventBody, Buffer.from('\n')]), webhooks.hmac_signature, webhooks.secret)).toBe(false);
    expect(verifyEasyPostSignature(eventBody, undefined, webhooks.secret)).toBe(false);
    expect(verifyEasyPostSignature(eventBody, webhooks.hmac_signature.replace('hmac-sha256-hex=', ''), webhooks.secret)).toBe(false);
    expect(verifyEasyPostSignature(eventBody, easyPostSignature(eventBody, ''), '')).toBe(false);
    const last = webhooks.hmac_signature.at(-1) === '0' ? '1' : '0';
    expect(verifyEasyPostSignature(eventBody, webhooks.hmac_signature.slice(0, -1) + last, webhooks.secret)).toBe(false);
  });
});

describe('EasyPost webhook body', () => {
  it('a tracker.updated event (event-body.json) becomes the canonical report of its Tracker', () => {
    const body = JSON.parse(eventBody.toString('utf8')) as { result: unknown };
    const reading = readEasyPostWebhook(body);
    expect(reading).toMatchObject({ kind: 'tracking', eventId: 'evt_1' });
    if (reading.kind !== 'tracking') return;
    expect(reading.update.platform).toBe('easypost');
    expect(reading.update.shipmentId).toBeNull();
    expect(reading.update.raw).toBe(body);
    expect(reading.update.report).toEqual(easyPostTrackingReport(EasyPostTrackerSchema.parse(body.result)));
    expect(reading.update.report).toMatchObject({ trackingCode: '1', carrier: 'FedEx', status: 'in_transit' });
  });

  it("the tracking guide's webhook: delivered, the transit scans stamped after it change nothing", () => {
    const reading = readEasyPostWebhook(JSON.parse(docs('guides/tracking-webhook.json')));
    expect(reading.kind === 'tracking' && reading.update.report.status).toBe('delivered');
  });

  it('events of other kinds are acknowledged and ignored', () => {
    const body = { ...JSON.parse(eventBody.toString('utf8')), description: 'batch.created', result: { object: 'Batch' } };
    expect(readEasyPostWebhook(body)).toEqual({ kind: 'ignored', event: 'batch.created' });
    expect(readEasyPostWebhook({ ...body, description: 'scan_form.updated' })).toEqual({ kind: 'ignored', event: 'scan_form.updated' });
  });

  it('a body that is not an Event, or a tracker event without a Tracker, is malformed', () => {
    expect(readEasyPostWebhook({ hello: 'world' }).kind).toBe('malformed');
    expect(readEasyPostWebhook(null).kind).toBe('malformed');
    const reading = readEasyPostWebhook({ object: 'Event', description: 'tracker.updated', result: { object: 'Tracker', id: 'trk_1' } });
    expect(reading.kind).toBe('malformed');
    expect(reading.kind === 'malformed' && reading.why).toMatch(/^result: /);
  });
});
