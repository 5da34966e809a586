import { describe, expect, it } from 'vitest';
import { ExceptionFindingSchema } from '../../../app/recon/exception.schema';
import { findingKeys, stationFindings } from '../../../app/recon/station-findings';
import { stationReport } from '../../support/station-report';

const letter = (id: number, orderKey: string) => ({ id, eventId: id * 10, target: 'odoo', orderKey, reason: 'UserError: picking cancelled', at: 1_000 });

describe("a station's own exceptions in the fleet's model", () => {
  it('makes one critical finding per dead letter, keyed by station and letter, naming the picking', () => {
    const findings = stationFindings('st-1', stationReport('st-1', 5_000, { deadLetters: [letter(7, 'picking:42'), letter(8, 'shipment:WH/OUT/1#1')] }));
    expect(findings.map((f) => ExceptionFindingSchema.parse(f))).toHaveLength(2);
    expect(findings[0]).toMatchObject({ key: 'station_exception:st-1:dead-letter:7', severity: 'critical', source: 'station', stationId: 'st-1', pickingId: 42 });
    expect(findings[0]?.detail).toContain('UserError: picking cancelled');
    expect(findings[1]).toMatchObject({ key: 'station_exception:st-1:dead-letter:8', pickingId: null });
  });

  it("adds one warning while parcels wait in the station's carrier exception queue", () => {
    const one = stationFindings('st-2', stationReport('st-2', 5_000, { carrierExceptions: { open: 1 } }));
    expect(one).toEqual([expect.objectContaining({ key: 'station_exception:st-2:carrier-exceptions', severity: 'warning', detail: "st-2: 1 parcel waits in the station's carrier exception queue" })]);
    expect(stationFindings('st-2', stationReport('st-2', 5_000, { carrierExceptions: { open: 0 } }))).toEqual([]);
  });

  it('compares reports by their keys, whatever the order', () => {
    const a = stationFindings('st-1', stationReport('st-1', 1, { deadLetters: [letter(1, 'picking:1'), letter(2, 'picking:2')] }));
    const b = stationFindings('st-1', stationReport('st-1', 2, { deadLetters: [letter(2, 'picking:2'), letter(1, 'picking:1')] }));
    expect(findingKeys(a)).toBe(findingKeys(b));
    expect(findingKeys(a)).not.toBe(findingKeys(a.slice(1)));
  });
});
