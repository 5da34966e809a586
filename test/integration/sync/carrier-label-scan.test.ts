/**
 * The label a station prints must scan back to its tracking code: render the ZPL like a 203 dpi printer
 * (zpl-renderer-js / zebrash) and read it with a barcode decoder (zxing-wasm), both offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { easyPostDesk } from '../../support/easypost-desk';
import { readFixture } from '../../support/third-party-fixtures';
import { decodeBarcodes, decodeZplBarcodes, renderZpl } from '../../support/zpl-decode';

const fixture = (name: string) => readFixture('latin1', 'zebrash-carrier-zpl', name);

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

let sandbox: CarrierSandbox;
let baseUrl: string;

beforeAll(async () => {
  sandbox = new CarrierSandbox();
  baseUrl = (await sandbox.listen(0)).url;
});

afterAll(async () => {
  await sandbox.close();
});

const request = (services: string[]) => ({
  reference: `WH/OUT/000${services.length}#1`,
  from: { name: 'Müller & Söhne', company: 'Lager ^West', street1: 'Hafenstraße 7', city: 'Hamburg', zip: '20457', country: 'DE' },
  to: { name: 'Elizabeth Swan', street1: '179 N Harbor Dr', city: 'Redondo Beach', state: 'CA', zip: '90277', country: 'US' },
  parcel: { weightG: 1250, packageType: null },
  labelDpi: 203 as const,
  services,
});

describe('sandbox labels scan back to their tracking code', () => {
  it.each([[[]], [['Ground']]])('services %j', async (services) => {
    const shipment = await easyPostDesk({ baseUrl, apiKey: 'sandbox-carrier-key' }).buyLabel(request(services));
    const png = await renderZpl(shipment.label.data, { dpmm: 8 });
    expect(png.subarray(0, 4).equals(PNG_MAGIC)).toBe(true);
    const codes = await decodeBarcodes(png);
    expect(codes).toContainEqual({ format: 'Code128', text: shipment.trackingCode });
  });
});

describe('zpl-decode on third-party carrier labels (zebrash fixtures)', () => {
  it('UPS: Code 128 tracking 1Z680RA4DL08720000', async () => {
    const codes = await decodeZplBarcodes(fixture('ups.zpl'));
    expect(codes).toContainEqual({ format: 'Code128', text: '1Z680RA4DL08720000' });
  });

  it('USPS (two formats in one file): IMpb Code 128 and DataMatrix', async () => {
    const codes = await decodeZplBarcodes(fixture('usps.zpl'));
    expect(codes.map((c) => c.format)).toEqual(expect.arrayContaining(['Code128', 'DataMatrix']));
    const impb = codes.find((c) => c.format === 'Code128');
    // GS1 IMpb: routing 420 + ZIP 98028, then the 22-digit tracking number printed as "9205 5903 0319 0000 0000 00".
    expect(impb?.text.replace(/\D/g, '')).toBe(`42098028${'9205 5903 0319 0000 0000 00'.replace(/ /g, '')}`);
  });

  it('FedEx: PDF417 and the Code 128 tracking barcode', async () => {
    const codes = await decodeZplBarcodes(fixture('fedex.zpl'));
    expect(codes).toContainEqual({ format: 'Code128', text: '9632080400200044387500271053820000' });
    expect(codes.some((c) => c.format === 'PDF417')).toBe(true);
  });
});
