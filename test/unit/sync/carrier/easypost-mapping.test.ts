import { describe, expect, it } from 'vitest';
import type { ShipmentRequest } from '../../../../app/ports';
import { gramsToOunces, labelDpi, mmToInches, toAddressParams, toParcelParams, toShipmentBody } from '../../../../sync/carrier/easypost.mapping';
import { EasyPostShipmentSchema } from '../../../../sync/carrier/easypost.schema';
import { readCassette, readDocsResponse } from './cassette.fixture';

const box = { id: 1, name: 'Box M', barcode: null, tareG: 200, lengthMm: 254, widthMm: 203.2, heightMm: 101.6, maxWeightG: null };

const request: ShipmentRequest = {
  reference: 'WH/OUT/00012#1',
  from: { name: 'Jack Sparrow', street1: '388 Townsend St', street2: 'Apt 20', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US', email: 'test@example.com', phone: '5555555555' },
  to: { name: 'Elizabeth Swan', company: '', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US' },
  parcel: { weightG: 436.6, packageType: box },
  labelDpi: 203,
  services: [],
};

describe('unit conversions', () => {
  it('converts grams to ounces rounding up to 0.1 oz', () => {
    expect(gramsToOunces(28.349523125)).toBe(1);
    expect(gramsToOunces(436.6)).toBe(15.5); // 15.401 oz: never declare less than the parcel weighs
    expect(gramsToOunces(436.582656125)).toBe(15.4); // exactly 15.4 oz stays 15.4
    expect(gramsToOunces(1000)).toBe(35.3);
    expect(gramsToOunces(0)).toBe(0.1);
  });

  it('converts millimetres to inches rounding up to 0.1 in', () => {
    expect(mmToInches(254)).toBe(10);
    expect(mmToInches(203.2)).toBe(8);
    expect(mmToInches(300)).toBe(11.9); // 11.81
    expect(mmToInches(1)).toBe(0.1);
  });

  it('builds the parcel like the cassettes (10 x 8 x 4 in), or weight only without a box', () => {
    expect(toParcelParams(request.parcel)).toEqual({ weight: 15.5, length: 10, width: 8, height: 4 });
    expect(toParcelParams({ weightG: 500, packageType: null })).toEqual({ weight: 17.7 });
    expect(toParcelParams({ weightG: 500, packageType: { ...box, heightMm: 0 } })).toEqual({ weight: 17.7 });
  });
});

describe('request body', () => {
  it('sends addresses without empty optional fields', () => {
    expect(toAddressParams(request.to)).toEqual({ name: 'Elizabeth Swan', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US' });
  });

  it('asks for a 4x6 ZPL label with our reference', () => {
    const { shipment } = toShipmentBody(request);
    expect(shipment).toMatchObject({ reference: 'WH/OUT/00012#1', options: { label_format: 'ZPL', label_size: '4x6' } });
    expect(shipment.from_address).toMatchObject({ street2: 'Apt 20', phone: '5555555555', email: 'test@example.com' });
  });
});

describe('labelDpi', () => {
  it('records 203 dpi for a PNG converted to ZPL although label_resolution says 300 (convert cassette)', () => {
    const [, , converted] = readCassette('test_shipment_convert_label.yaml');
    const label = EasyPostShipmentSchema.parse(converted?.body).postage_label;
    expect(label?.label_resolution).toBe(300);
    expect(label?.label_zpl_url).toMatch(/\.zpl$/);
    expect(labelDpi(label ?? {})).toBe(203);
  });

  it('takes label_resolution of a native ZPL file, defaulting to 203', () => {
    expect(labelDpi({ label_file_type: 'application/zpl', label_resolution: 300 })).toBe(300);
    expect(labelDpi({ label_file_type: 'application/zpl', label_resolution: null })).toBe(203);
    expect(labelDpi({ label_file_type: 'application/zpl', label_resolution: 150 })).toBe(203);
  });

  it('docs example label (PNG 300) converts to 203 dpi ZPL', () => {
    const shp = readDocsResponse('responses/shipments-label.json');
    expect(labelDpi(EasyPostShipmentSchema.parse(shp).postage_label ?? {})).toBe(203);
  });
});
