import { describe, expect, it } from 'vitest';
import { shippoTrackingReport } from '../../../app/carrier/tracking.shippo';
import { ShippoTrackSchema } from '../../../sync/carrier/shippo.schema';
import { readShippoWebhook, shippoSignature, SHIPPO_SIGNATURE_TOLERANCE_MS, verifyShippoSignature, verifyShippoToken } from '../../../sync/recon/shippo-webhook';
import { shippoTrackUpdated, trackAsOf } from '../../../sync/sim/carrier/carrier-webhooks.sim';
import { testTrack } from '../../../sync/sim/carrier/shippo/shippo-tracks.sim';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const track = (number: string) => testTrack(number, NOW) ?? expect.unreachable(`no test track ${number}`);

describe('Shippo webhook token (the self-generated token of the registered URL)', () => {
  it('accepts the registered token only', () => {
    expect(verifyShippoToken(new URL('https://hub.example/webhooks/shippo?token=s3cr3t-t0ken'), 's3cr3t-t0ken')).toBe(true);
    expect(verifyShippoToken(new URL('https://hub.example/webhooks/shippo?token=s3cr3t-t0kem'), 's3cr3t-t0ken')).toBe(false);
    expect(verifyShippoToken(new URL('https://hub.example/webhooks/shippo?token=s3cr3t'), 's3cr3t-t0ken')).toBe(false);
    expect(verifyShippoToken(new URL('https://hub.example/webhooks/shippo'), 's3cr3t-t0ken')).toBe(false);
    expect(verifyShippoToken(new URL('https://hub.example/webhooks/shippo?token='), '')).toBe(false);
  });
});

describe('Shippo-Auth-Signature (HMAC, when Shippo has set it up)', () => {
  const body = Buffer.from(JSON.stringify(shippoTrackUpdated(track('SHIPPO_TRANSIT'))));

  it('t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">, accepted within the tolerance', () => {
    const header = shippoSignature(body, 'hmac-secret', NOW);
    expect(header).toMatch(new RegExp(`^t=${NOW / 1000},v1=[0-9a-f]{64}$`));
    expect(verifyShippoSignature(body, header, 'hmac-secret', NOW + 60_000)).toBe(true);
    expect(verifyShippoSignature(body, header.toUpperCase().replace('T=', 't=').replace('V1=', 'v1='), 'hmac-secret', NOW)).toBe(true);
  });

  it('refuses another secret, a changed body, an old or future time, a malformed header', () => {
    const header = shippoSignature(body, 'hmac-secret', NOW);
    expect(verifyShippoSignature(body, header, 'other', NOW)).toBe(false);
    expect(verifyShippoSignature(Buffer.concat([body, Buffer.from(' ')]), header, 'hmac-secret', NOW)).toBe(false);
    expect(verifyShippoSignature(body, header, 'hmac-secret', NOW + SHIPPO_SIGNATURE_TOLERANCE_MS + 1000)).toBe(false);
    expect(verifyShippoSignature(body, header, 'hmac-secret', NOW - SHIPPO_SIGNATURE_TOLERANCE_MS - 1000)).toBe(false);
    expect(verifyShippoSignature(body, header.replace(/t=\d+/, 't=abc'), 'hmac-secret', NOW)).toBe(false);
    expect(verifyShippoSignature(body, header.replace(/,v1=.*/, ''), 'hmac-secret', NOW)).toBe(false);
    expect(verifyShippoSignature(body, undefined, 'hmac-secret', NOW)).toBe(false);
    expect(verifyShippoSignature(body, header, '', NOW)).toBe(false);
  });
});

describe('Shippo webhook body', () => {
  it('track_updated becomes the canonical report of its Track, with the transaction as the shipment', () => {
    const data = { ...track('SHIPPO_DELIVERED'), transaction: 'a9f2b1c4d5e6478f9a0b1c2d3e4f5a6b' };
    const body = shippoTrackUpdated(data);
    const reading = readShippoWebhook(body);
    expect(reading.kind).toBe('tracking');
    if (reading.kind !== 'tracking') return;
    expect(reading.update).toMatchObject({ platform: 'shippo', shipmentId: 'a9f2b1c4d5e6478f9a0b1c2d3e4f5a6b', raw: body });
    expect(reading.update.report).toEqual(shippoTrackingReport(ShippoTrackSchema.parse(data)));
    expect(reading.update.report).toMatchObject({ trackingCode: 'SHIPPO_DELIVERED', status: 'delivered' });
  });

  it('a track cut to its first entries reports the status of that moment', () => {
    const reading = readShippoWebhook(shippoTrackUpdated(trackAsOf(track('SHIPPO_RETURNED'), 3)));
    expect(reading.kind === 'tracking' && reading.update.report.status).toBe('delivery_failed');
    expect(reading.kind === 'tracking' && reading.update.shipmentId).toBeNull();
  });

  it('other events are acknowledged and ignored; a body without event, or a track without a number, is malformed', () => {
    expect(readShippoWebhook({ event: 'transaction_created', test: true, data: { object_id: 'x' } })).toEqual({ kind: 'ignored', event: 'transaction_created' });
    expect(readShippoWebhook({ data: {} }).kind).toBe('malformed');
    const bad = readShippoWebhook({ event: 'track_updated', test: true, data: { carrier: 'usps' } });
    expect(bad.kind === 'malformed' && bad.why).toMatch(/^data: tracking_number/);
  });
});
