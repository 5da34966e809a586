import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../../../app/domain/outbox-event.schema';
import type { Shipment } from '../../../../app/domain/shipment.schema';
import {
  labelBoughtFact,
  labelPrintedFact,
  labelVoidedFact,
  ledgerEntryOf,
  parcelPackedFact,
  pickingPackedFact,
  pickingValidatedFact,
} from '../../../../app/hub/ledger-facts';
import type { HubLedgerFact } from '../../../../app/hub/ledger-event.schema';

const ref = { pickingId: 12, pickingName: 'WH/OUT/00012' };
const shipment = (rate: Partial<Shipment['rate']> = {}, extra: Partial<Shipment> = {}): Shipment => ({
  shipmentId: 'shp_1',
  trackingCode: '9400100000000000000001',
  rate: { id: 'rate_1', carrier: 'USPS', service: 'Priority', rate: '7.58', currency: 'USD', ...rate },
  label: { format: 'ZPL', dpi: 203, data: '^XA^XZ' },
  ...extra,
});

describe('ledger facts from the station records', () => {
  const rows: [string, HubLedgerFact, HubLedgerFact][] = [
    [
      'a packed parcel: its weight, box and number of lines',
      parcelPackedFact(
        { pickingId: 12, index: 2, items: [{ moveId: 1, productId: 7, quantity: 1.5 }, { moveId: 2, productId: 8, quantity: 3 }], packageTypeId: 4, weightG: 900 },
        'WH/OUT/00012',
      ),
      { type: 'parcel.packed', ...ref, parcelIndex: 2, weightG: 900, packageTypeId: 4, items: 2 },
    ],
    [
      'a packed parcel of a picking whose name is gone',
      parcelPackedFact({ pickingId: 12, index: 1, items: [{ moveId: 1, productId: 7, quantity: 1 }], packageTypeId: null, weightG: 10 }, null),
      { type: 'parcel.packed', pickingId: 12, pickingName: null, parcelIndex: 1, weightG: 10, packageTypeId: null, items: 1 },
    ],
    [
      'a bought label: carrier, service, price and currency from its rate',
      labelBoughtFact({ ...ref, parcelIndex: 1 }, shipment()),
      { type: 'label.bought', ...ref, parcelIndex: 1, shipmentId: 'shp_1', trackingCode: '9400100000000000000001', carrier: 'USPS', service: 'Priority', price: 7.58, currency: 'USD', isReturn: false },
    ],
    [
      'a label whose price cannot be read: unknown, not zero; empty names are unknown too',
      labelBoughtFact({ ...ref, parcelIndex: 1 }, shipment({ rate: 'n/a', carrier: '', service: '', currency: '' })),
      { type: 'label.bought', ...ref, parcelIndex: 1, shipmentId: 'shp_1', trackingCode: '9400100000000000000001', carrier: null, service: null, price: null, currency: null, isReturn: false },
    ],
    [
      'a return label',
      labelBoughtFact({ ...ref, parcelIndex: 3 }, shipment({ rate: '12.00' }, { isReturn: true })),
      { type: 'label.bought', ...ref, parcelIndex: 3, shipmentId: 'shp_1', trackingCode: '9400100000000000000001', carrier: 'USPS', service: 'Priority', price: 12, currency: 'USD', isReturn: true },
    ],
    ['a printed label', labelPrintedFact({ ...ref, parcelIndex: 2 }), { type: 'label.printed', ...ref, parcelIndex: 2 }],
    ['a packed picking', pickingPackedFact(ref, 3), { type: 'picking.packed', ...ref, parcels: 3 }],
    ['a validated picking', pickingValidatedFact(ref), { type: 'picking.validated', ...ref }],
    [
      'a voided label',
      labelVoidedFact({ ...ref, parcelIndex: 1 }, { shipmentId: 'shp_1', trackingCode: 'T1', reason: 'box crushed', by: 'Ana' }),
      { type: 'label.voided', ...ref, parcelIndex: 1, shipmentId: 'shp_1', trackingCode: 'T1', reason: 'box crushed', by: 'Ana' },
    ],
  ];
  it.each(rows)('%s', (_what, fact, expected) => {
    expect(fact).toEqual(expected);
  });

  it('refuses what the hub contract refuses (a parcel index of 0)', () => {
    expect(() => labelPrintedFact({ ...ref, parcelIndex: 0 })).toThrow();
  });
});

describe('ledgerEntryOf', () => {
  const event = (payload: OutboxEvent['payload']): OutboxEvent => ({ id: 41, target: 'hub', orderKey: 'hub:ledger', payload, attempts: 0, answeredFailures: 0, createdAt: 1_700_000_000_123 });

  it('numbers the entry with its outbox id and dates it with its queueing time', () => {
    const fact = pickingValidatedFact(ref);
    expect(ledgerEntryOf(event({ type: 'hub.fact', fact }))).toEqual({ seq: 41, at: 1_700_000_000_123, fact });
  });

  it('refuses an event that is not a ledger fact', () => {
    expect(() => ledgerEntryOf(event({ type: 'picking.validate', pickingId: 12 }))).toThrow(/not a ledger fact/);
  });
});
