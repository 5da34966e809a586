/**
 * The platform adapter's reply schemas and mappings on what EasyPost really sent: recorded cassettes and the
 * documentation's example responses (test/fixtures, provenance in SOURCE.md).
 */
import { describe, expect, it } from 'vitest';
import type { Address } from '../../../../app/domain/address.schema';
import { easyPostTrackingReport } from '../../../../app/carrier/tracking.easypost';
import { AddressVerdictSchema } from '../../../../app/domain/carrier.schema';
import { TrackingReportSchema } from '../../../../app/domain/tracking.schema';
import { addressVerdict, verdictFromRefusal } from '../../../../sync/carrier/easypost.address';
import { readEasyPostError } from '../../../../sync/carrier/easypost.errors';
import { errorFromReply } from '../../../../sync/carrier/platform-http';
import { EasyPostAddressSchema, EasyPostShipmentSchema, EasyPostTrackerSchema } from '../../../../sync/carrier/easypost.schema';
import { toQuote, toRate } from '../../../../sync/carrier/easypost.shipment';
import { readCassette, readDocsResponse } from './cassette.fixture';

/** The request behind the address cassettes (client-library fixtures' ca_address_1). */
const jackSparrow: Address = { name: 'Jack Sparrow', street1: '388 Townsend St', street2: 'Apt 20', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US' };

/** EasyPost's error replies as the platform's HTTP client reads them. */
const EASYPOST = { readError: readEasyPostError };

const replyOf = (cassette: string, index: number): unknown => readCassette(cassette)[index]?.body;
const unwrapAddress = (body: unknown): unknown => (body as { address: unknown }).address;

describe('address verification', () => {
  it('an address created without verify carries no verification: nothing says it is wrong (test_address_verify, 1st reply)', () => {
    const created = EasyPostAddressSchema.parse(replyOf('test_address_verify.yaml', 0));
    expect(created.verifications).toEqual({});
    expect(addressVerdict(jackSparrow, created)).toEqual({ ok: true, address: jackSparrow, corrected: false });
  });

  it.each([
    ['test_address_verify.yaml', 1],
    ['test_address_create_and_verify.yaml', 0],
  ])('%s: a verified address comes back corrected (unit folded into street1, ZIP+4)', (cassette, index) => {
    const verified = EasyPostAddressSchema.parse(unwrapAddress(replyOf(cassette, index)));
    const verdict = AddressVerdictSchema.parse(addressVerdict(jackSparrow, verified));
    expect(verdict).toEqual({
      ok: true,
      corrected: true,
      address: { name: 'Jack Sparrow', street1: '388 TOWNSEND ST APT 20', city: 'SAN FRANCISCO', state: 'CA', zip: '94107-1670', country: 'US' },
    });
  });

  it('the docs example of a verified address parses and keeps the caller\'s name and phone', () => {
    const verified = EasyPostAddressSchema.parse(unwrapAddress(readDocsResponse('responses/addresses-verify.json')));
    const input: Address = { name: 'EasyPost', street1: '417 Montgomery Street', street2: '5th Floor', city: 'San Francisco', state: 'CA', zip: '94104', country: 'US', phone: '4151234567' };
    expect(addressVerdict(input, verified)).toMatchObject({ ok: true, corrected: true, address: { name: 'EasyPost', phone: '4151234567', street1: '417 MONTGOMERY ST FL 5', zip: '94104-1129' } });
  });

  it('a 422 ADDRESS.VERIFY.FAILURE is a verdict with the platform\'s messages (test_address_verify_invalid_address)', () => {
    const [, failed] = readCassette('test_address_verify_invalid_address.yaml');
    expect(failed?.status).toBe(422);
    const error = errorFromReply(EASYPOST, 422, JSON.stringify(failed?.body), null, 'GET /addresses/adr_x/verify');
    expect(verdictFromRefusal(error)).toEqual({ ok: false, problems: ['Address not found', 'House number is missing'] });
  });

  it.each(['responses/addresses-verify-strict-param.json', 'responses/addresses-create-and-verify.json', 'guides/errors-guide-catch-error.json'])(
    'docs %s → a verdict, not an error',
    (name) => {
      const error = errorFromReply(EASYPOST, 422, JSON.stringify(readDocsResponse(name)), null, 'POST /addresses');
      expect(AddressVerdictSchema.parse(verdictFromRefusal(error))).toMatchObject({ ok: false, problems: expect.arrayContaining(['Address not found']) });
    },
  );

  it('other refusals stay errors', () => {
    const [blank] = readCassette('test_error.yaml');
    expect(verdictFromRefusal(errorFromReply(EASYPOST, 422, JSON.stringify(blank?.body), null, 'POST /shipments'))).toBeNull();
    expect(verdictFromRefusal(new Error('boom'))).toBeNull();
  });
});

describe('shipments, rates and refunds', () => {
  it('rates carry transit days and the carrier account (test_shipment_refund)', () => {
    const [created] = readCassette('test_shipment_refund.yaml');
    const quote = toQuote(EasyPostShipmentSchema.parse(created?.body));
    expect(quote.messages).toEqual([]);
    expect(quote.rates).toContainEqual({
      id: 'rate_e3057ccdd9804995a358d91d4595bcf6',
      carrier: 'USPS',
      service: 'GroundAdvantage',
      rate: '6.07',
      currency: 'USD',
      deliveryDays: 3,
      deliveryDate: null,
      carrierAccount: 'ca_b25657e9896e4d63ac8151ac346ac41e',
    });
  });

  it('a delivery date becomes the day; days that are not a whole count become null', () => {
    const [created] = readCassette('test_shipment_create.yaml');
    const rate = EasyPostShipmentSchema.parse(created?.body).rates[0];
    if (!rate) throw new Error('cassette without rates');
    expect(toRate({ ...rate, delivery_date: '2025-05-09T20:40:11Z', delivery_days: 2 })).toMatchObject({ deliveryDate: '2025-05-09', deliveryDays: 2 });
    expect(toRate({ ...rate, delivery_date: 'soon', delivery_days: 1.5 })).toMatchObject({ deliveryDate: null, deliveryDays: null });
  });

  it.each([
    ['test_shipment_refund.yaml', () => readCassette('test_shipment_refund.yaml')[1]?.body],
    ['docs shipping-refund-refund.json', () => readDocsResponse('responses/shipping-refund-refund.json')],
  ])('%s: the refund answers the shipment with refund_status submitted', (_name, body) => {
    expect(EasyPostShipmentSchema.parse(body())).toMatchObject({ refund_status: 'submitted', is_return: false, scan_form: null });
  });

  it('carrier messages inside a 201 become the quote\'s messages', () => {
    const [created] = readCassette('test_shipment_create.yaml');
    const body = { ...(created?.body as object), messages: [{ carrier: 'UPS', type: 'rate_error', message: 'Service unavailable for this ZIP' }, { carrier: null, message: { detail: 'x' } }] };
    expect(toQuote(EasyPostShipmentSchema.parse(body)).messages).toEqual(['UPS: Service unavailable for this ZIP', '{"detail":"x"}']);
  });
});

describe('trackers → the canonical tracking report', () => {
  it.each([
    ['test_tracker_create.yaml', () => readCassette('test_tracker_create.yaml')[0]?.body],
    ['test_tracker_retrieve.yaml (GET)', () => readCassette('test_tracker_retrieve.yaml')[1]?.body],
    ['docs trackers-create.json', () => readDocsResponse('responses/trackers-create.json')],
    ['docs trackers-retrieve.json', () => readDocsResponse('responses/trackers-retrieve.json')],
  ])('%s: EZ1000000001 is pre_transit with its two events, oldest first', (_name, body) => {
    const report = TrackingReportSchema.parse(easyPostTrackingReport(EasyPostTrackerSchema.parse(body()), 'USPS'));
    expect(report).toMatchObject({ carrier: 'USPS', trackingCode: 'EZ1000000001', status: 'pre_transit', unmapped: [] });
    expect(report.events.map((e) => [e.status, e.description, e.location])).toEqual([
      ['pre_transit', 'Pre-Shipment Info Sent to USPS', null],
      ['pre_transit', 'Shipping Label Created', 'HOUSTON, TX 77063'],
    ]);
    expect(report.estimatedDelivery).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('a tracker.updated webhook (event-body.json): in_transit with its details and estimated delivery', () => {
    const { result } = readDocsResponse('fixtures/event-body.json') as { result: unknown };
    const report = easyPostTrackingReport(EasyPostTrackerSchema.parse(result), 'FedEx');
    expect(report).toMatchObject({ status: 'in_transit', estimatedDelivery: '2024-08-05T00:00:00Z', unmapped: [] });
    expect(report.events).toHaveLength(7);
    expect(report.events[0]).toMatchObject({ platformStatus: 'pre_transit', platformDetail: 'label_created', location: '32837, US' });
  });

  it("the tracking guide's EZ4000000004 (no status_detail anywhere): delivered", () => {
    const { result } = readDocsResponse('guides/tracking-webhook.json') as { result: unknown };
    const report = easyPostTrackingReport(EasyPostTrackerSchema.parse(result), 'UPS');
    expect(report.status).toBe('delivered');
    expect(report.events).toHaveLength(6);
    expect(report.events.every((e) => e.platformDetail === null)).toBe(true);
  });

  it('a status no table knows is unknown and reported once, never dropped', () => {
    const body = structuredClone(readCassette('test_tracker_create.yaml')[0]?.body) as Record<string, unknown>;
    body.status = 'teleported';
    const details = body.tracking_details as Record<string, unknown>[];
    for (const d of details) d.status = 'teleported';
    const report = easyPostTrackingReport(EasyPostTrackerSchema.parse(body), 'USPS');
    expect(report.status).toBe('unknown');
    expect(report.unmapped).toEqual([{ platform: 'easypost', status: 'teleported', detail: 'status_update' }]);
  });
});
