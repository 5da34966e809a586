/**
 * ShippoPlatform after the sale, against the Shippo sandbox over real HTTP: refunds (once, whatever happens to the
 * reply), manifests with their PDF form, and tracking through the canonical model.
 */
import { describe, expect, it } from 'vitest';
import { WAREHOUSE } from './platform-contract';
import { buyUsps, rejection, shippoWorld } from './shippo-world';

describe('void', () => {
  it('asks for a refund once: a second void answers the transaction’s refund status', async () => {
    const { sandbox, platform, api } = await shippoWorld();
    const p = platform();
    const { shipment } = await buyUsps(p, 'WH/OUT/20#1');
    expect(await p.void(shipment)).toEqual({ status: 'submitted' });
    expect(await platform().void(shipment)).toEqual({ status: 'submitted' });
    expect(sandbox.refunds()).toEqual([{ trackingCode: shipment.trackingCode, status: 'QUEUED' }]);
    expect((await api('GET', `/transactions/${shipment.purchaseId}`)).body).toMatchObject({ status: 'REFUNDPENDING' });
  });

  it('answers refunded where Shippo refunds at once (test mode)', async () => {
    const { sandbox, platform } = await shippoWorld({ refundStatus: 'SUCCESS' });
    const { shipment } = await buyUsps(platform(), 'WH/OUT/21#1');
    expect(await platform().void(shipment)).toEqual({ status: 'refunded' });
    expect(await platform().void(shipment)).toEqual({ status: 'refunded' });
    expect(sandbox.refunds()).toHaveLength(1);
  });

  it('keeps one refund when the reply to the refund was lost', async () => {
    const { sandbox, platform } = await shippoWorld();
    const p = platform();
    const { shipment } = await buyUsps(p, 'WH/OUT/22#1');
    sandbox.failNext(1, 'rate-limit');
    expect((await rejection(p.void(shipment))).code).toBe('RATE_LIMITED');
    sandbox.failNext(1, 'drop', 'POST /refunds');
    expect((await rejection(p.void(shipment))).code).toBe('NETWORK');
    expect(await p.void(shipment)).toEqual({ status: 'submitted' });
    expect(sandbox.refunds()).toHaveLength(1);
  });

  it('refuses to void a label bought elsewhere', async () => {
    const { platform } = await shippoWorld();
    const { shipment } = await buyUsps(platform(), 'WH/OUT/23#1');
    const e = await rejection(platform().void({ ...shipment, platform: 'easypost', purchaseId: shipment.shipmentId }));
    expect(e).toMatchObject({ code: 'REJECTED', detail: { code: 'OTHER_PLATFORM' } });
  });
});

describe('manifest', () => {
  it('makes the form of one carrier account and serves it as a valid PDF', async () => {
    const { platform } = await shippoWorld();
    const p = platform();
    const a = await buyUsps(p, 'WH/OUT/24#1');
    const b = await buyUsps(p, 'WH/OUT/24#2');
    const manifest = await p.manifest([a.shipment, b.shipment], WAREHOUSE);
    expect(manifest).toEqual({
      manifestId: expect.stringMatching(/^[0-9a-f]{32}$/),
      carrier: 'USPS',
      status: 'created',
      trackingCodes: [a.shipment.trackingCode, b.shipment.trackingCode],
      documentUrl: expect.stringMatching(/\/files\/manifests\/[0-9a-f]{32}\.pdf$/),
    });
    const pdf = (await p.download(manifest.documentUrl as string)).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('MANIFEST');
    expect(pdf).toContain(a.shipment.trackingCode);
    // Every xref offset points at its object, and startxref at the table: a reader opens it.
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...pdf.slice(xrefAt).matchAll(/^(\d{10}) 00000 n\r?$/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(pdf.slice(o, o + 8)).toBe(`${i + 1} 0 obj\n`));
  });

  it('reports a manifest Shippo refused as failed with its errors, and refuses mixed accounts itself', async () => {
    const { platform } = await shippoWorld();
    const p = platform();
    const a = await buyUsps(p, 'WH/OUT/25#1');
    await p.void(a.shipment);
    const refused = await p.manifest([a.shipment], WAREHOUSE);
    expect(refused).toMatchObject({ status: 'failed', trackingCodes: [], documentUrl: null, detail: expect.stringContaining('not a successful purchase') });
    const ups = { ...a.shipment, rate: { ...a.shipment.rate, carrierAccount: 'another-account' } };
    expect(await rejection(p.manifest([a.shipment, ups], WAREHOUSE))).toMatchObject({ code: 'REJECTED', detail: { code: 'MANIFEST_ACCOUNTS' } });
  });
});

describe('track', () => {
  it('tracks a new label as pre_transit, by the carrier token of its provider', async () => {
    const { platform } = await shippoWorld();
    const p = platform();
    const { shipment } = await buyUsps(p, 'WH/OUT/26#1');
    const report = await p.track('USPS', shipment.trackingCode);
    expect(report).toMatchObject({ carrier: 'usps', trackingCode: shipment.trackingCode, status: 'pre_transit', unmapped: [] });
    expect(report.events).toEqual([expect.objectContaining({ status: 'pre_transit', platformStatus: 'PRE_TRANSIT', platformDetail: 'information_received', location: 'San Francisco, CA 94107, US' })]);
    expect(Date.parse(report.estimatedDelivery ?? '')).toBeGreaterThan(Date.now());
  });

  it('reads the test carrier’s histories: zone-less times, substatus null, oldest first', async () => {
    const { platform } = await shippoWorld();
    const p = platform();
    const transit = await p.track('shippo', 'SHIPPO_TRANSIT');
    expect(transit.status).toBe('in_transit');
    expect(transit.events.map((e) => [e.status, e.platformDetail])).toEqual([
      ['unknown', null],
      ['in_transit', null],
    ]);
    // As Shippo's test tracks send them: no zone (the canonical model reads them as UTC).
    for (const e of transit.events) expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    const delivered = await p.track('shippo', 'SHIPPO_DELIVERED');
    expect(delivered.events.map((e) => e.status)).toEqual(['pre_transit', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered']);
    expect((await p.track('shippo', 'SHIPPO_UNKNOWN')).status).toBe('unknown');
  });

  it('answers unknown for a number the carrier does not know, REJECTED for a carrier Shippo does not track', async () => {
    const { platform } = await shippoWorld();
    const p = platform();
    const unknown = await p.track('UPS', '1Z999AA10000000000');
    expect(unknown).toMatchObject({ status: 'unknown', unmapped: [] });
    expect(unknown.events.map((e) => e.status)).toEqual(['unknown']);
    expect((await rejection(p.track('Pony Express', '123'))).code).toBe('REJECTED');
  });
});
