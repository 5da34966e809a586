import { describe, expect, it } from 'vitest';
import { EasyPostShipmentSchema, EasyPostTrackerSchema } from '../../../../sync/carrier/easypost.schema';
import { readCassette, readDocsResponse } from './cassette.fixture';

describe('reply schemas accept what EasyPost really sends', () => {
  it.each(['test_shipment_create.yaml', 'test_shipment_buy.yaml', 'test_shipment_convert_label.yaml', 'test_shipment_retrieve.yaml', 'test_shipment_create_empty_objects.yaml'])(
    '%s',
    (name) => {
      for (const reply of readCassette(name).filter((r) => r.uri.includes('/shipments'))) {
        const shipment = EasyPostShipmentSchema.parse(reply.body);
        expect(shipment.id).toMatch(/^shp_/);
        for (const r of shipment.rates) expect(typeof r.rate).toBe('string');
      }
    },
  );

  it('a bought shipment has tracking_code, selected_rate and postage_label', () => {
    const [, bought] = readCassette('test_shipment_buy.yaml');
    const s = EasyPostShipmentSchema.parse(bought?.body);
    expect(s.tracking_code).toBe('9400100208303109505657');
    expect(s.selected_rate).toMatchObject({ service: 'GroundAdvantage', rate: '6.07' });
    expect(s.postage_label).toMatchObject({ label_file_type: 'image/png', label_zpl_url: null });
  });

  it.each(['shipments-create.json', 'shipments-buy.json', 'shipments-retrieve.json', 'shipments-label.json', 'shipments-one-call-buy.json'])(
    'docs example %s',
    (name) => {
      expect(EasyPostShipmentSchema.parse(readDocsResponse(`responses/${name}`)).object).toBe('Shipment');
    },
  );

  it('trackers (200 on create) parse', () => {
    const [created] = readCassette('test_tracker_create.yaml');
    expect(created?.status).toBe(200);
    expect(EasyPostTrackerSchema.parse(created?.body)).toMatchObject({ tracking_code: 'EZ1000000001', status: 'pre_transit' });
  });

  it('rejects a float rate: money must stay a string', () => {
    const [create] = readCassette('test_shipment_create.yaml');
    const body = structuredClone(create?.body) as { rates: { rate: unknown }[] };
    const first = body.rates[0];
    if (first) first.rate = 6.07;
    expect(EasyPostShipmentSchema.safeParse(body).success).toBe(false);
  });
});
