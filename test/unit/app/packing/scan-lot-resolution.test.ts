import { describe, expect, it } from 'vitest';
import { PickingSchema, type Picking } from '../../../../app/domain';
import { ParcelSchema } from '../../../../app/domain/parcel.schema';
import { classifyScan, scanProblemMessage } from '../../../../app/packing/scan-classification';
import { GS } from '../../../../app/scanning/gs1';
import { MUG, TEA, picking, startStation } from './packing.fixtures';
import { BEANS, SCANNER, tracked } from './tracked.fixtures';

const gs1 = (...parts: string[]) => `]d2${parts.join(GS)}`;
const serialScanned = [{ moveId: 14, parcelIndex: 1, quantity: 1, serial: 'SN-1' }];

describe('classifyScan: Odoo lot and serial names reserved for the picking', () => {
  it('counts one unit of the line that reserved the name, as a lot or a serial by the product tracking', () => {
    expect(classifyScan(tracked, {}, 'LOT-B')).toEqual({ kind: 'item', moveId: 13, lot: 'LOT-B' });
    expect(classifyScan(tracked, {}, 'SN-2')).toEqual({ kind: 'item', moveId: 14, serial: 'SN-2' });
    expect(classifyScan(tracked, {}, ']C1LOT-A')).toEqual({ kind: 'item', moveId: 13, lot: 'LOT-A' });
  });

  it('a serial scanned twice in the picking is duplicateSerial, whether it came as a name or in a GS1 (21)', () => {
    expect(classifyScan(tracked, { 14: 1 }, 'SN-1', serialScanned)).toEqual({ kind: 'duplicateSerial', moveId: 14, serial: 'SN-1' });
    expect(scanProblemMessage('duplicateSerial', tracked, { 14: 1 }, 'SN-1')).toBe('Serial SN-1 of Scanner was already scanned in WH/OUT/00042 — scan another unit');
    const fromGs1 = [{ ...serialScanned[0]!, serial: 'SN-2' }];
    expect(classifyScan(tracked, { 14: 1 }, 'SN-2', fromGs1)).toMatchObject({ kind: 'duplicateSerial', serial: 'SN-2' });
    expect(classifyScan(tracked, { 14: 1 }, gs1(`010${SCANNER}`, '21SN-1'), serialScanned)).toMatchObject({ kind: 'duplicateSerial', serial: 'SN-1' });
  });

  it('a lot of a complete line is overQuantity', () => {
    expect(classifyScan(tracked, { 13: 3 }, 'LOT-A')).toEqual({ kind: 'overQuantity', moveId: 13 });
    expect(scanProblemMessage('overQuantity', tracked, { 13: 3 }, 'LOT-A')).toBe('Too many Beans: all 3 already scanned — put the extra one aside');
  });

  it('a name no line reserved and Odoo has not in stock is an unknown lot; names are case-sensitive, and the message says which one Odoo has', () => {
    expect(classifyScan(tracked, {}, 'LOT-Z')).toEqual({ kind: 'unknownBarcode' });
    expect(scanProblemMessage('unknownBarcode', tracked, {}, 'LOT-Z')).toBe(
      'Unknown lot/serial LOT-Z for Beans / Scanner: Odoo has no lot or serial of that name in stock here — scan another unit or a product of WH/OUT/00042',
    );
    expect(classifyScan(tracked, {}, 'lot-a')).toEqual({ kind: 'unknownBarcode' });
    expect(scanProblemMessage('unknownBarcode', tracked, {}, 'lot-a')).toContain('(lot names are case-sensitive: Odoo has LOT-A)');
    // A picking without tracked products keeps the generic message.
    expect(scanProblemMessage('unknownBarcode', picking, {}, 'LOT-Z')).toBeNull();
  });

  it('a product barcode still counts a serial-tracked unit, without a serial (the station cannot know it)', () => {
    expect(classifyScan(tracked, {}, SCANNER)).toEqual({ kind: 'item', moveId: 14 });
    expect(classifyScan(tracked, {}, 'SCAN-X1')).toEqual({ kind: 'item', moveId: 14 });
  });

  it('GS1 lots and serials land on the line that reserved them; a lot nobody reserved is accepted for Odoo to resolve', () => {
    const twoMoves: Picking = {
      ...tracked,
      lines: [...tracked.lines, { ...tracked.lines[2]!, moveId: 15, quantity: 1, lots: [{ name: 'LOT-C', quantity: 1 }] }],
    };
    expect(classifyScan(twoMoves, {}, gs1(`010${BEANS}10LOT-C`))).toEqual({ kind: 'item', moveId: 15, lot: 'LOT-C' });
    expect(classifyScan(twoMoves, {}, gs1(`010${BEANS}10LOT-A`))).toEqual({ kind: 'item', moveId: 13, lot: 'LOT-A' });
    expect(classifyScan(twoMoves, {}, gs1(`010${BEANS}10LOT-Z`))).toEqual({ kind: 'item', moveId: 13, lot: 'LOT-Z' });
    expect(classifyScan(tracked, {}, gs1(`010${SCANNER}21SN-9`))).toEqual({ kind: 'item', moveId: 14, serial: 'SN-9' });
  });

  it('pickings stored before lots existed still parse, as untracked lines', () => {
    expect(PickingSchema.parse(picking).lines[0]).toMatchObject({ tracking: 'none', lots: [] });
    expect(PickingSchema.parse(tracked).lines[3]).toMatchObject({ tracking: 'serial', lots: [{ name: 'SN-1', quantity: 1 }, { name: 'SN-2', quantity: 1 }] });
  });
});

describe('packing machine with lot and serial scans', () => {
  it('records each lot with its units and each serial on the parcel, and refuses a serial twice', async () => {
    const station = startStation({ loadPicking: () => tracked });
    await station.open();
    station.scan('LOT-A', 'LOT-B', 'SN-2', 'SN-2');
    expect(station.state()).toBe('packing.duplicateSerial');
    expect(station.view().message).toBe('Serial SN-2 of Scanner was already scanned in WH/OUT/00042 — scan another unit');
    station.scan('LOT-X');
    expect(station.state()).toBe('packing.unknownBarcode');
    expect(station.view().message).toContain('Unknown lot/serial LOT-X');
    station.scan('LOT-A', SCANNER, MUG, MUG, TEA);
    await station.until('weighing');
    station.send({ type: 'WEIGHT.STABLE', grams: 1300 });
    await station.until('done');
    const items = ParcelSchema.parse(station.calls.record[0]).items;
    expect(items.filter((item) => item.moveId >= 13)).toEqual([
      {
        moveId: 13, productId: 103, quantity: 3, lots: ['LOT-A', 'LOT-B'],
        lotQuantities: [{ name: 'LOT-A', quantity: 2 }, { name: 'LOT-B', quantity: 1 }],
      },
      { moveId: 14, productId: 104, quantity: 2, serials: ['SN-2'] },
    ]);
  });
});
