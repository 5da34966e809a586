import type { StationReport } from '../hub/hub-protocol.schema';
import type { ExceptionFinding } from './exception.schema';

const PICKING_KEY = /^picking:(\d+)$/;

/**
 * A station's own exceptions as its report tells them, in the fleet's one model: each dead letter (an event the
 * remote refused for good, waiting for a person) and the parcels in its carrier exception queue. While the station
 * holds them they stay open at the hub; replayed, discarded or resolved at the station, they go (the caller resolves
 * what a newer report no longer lists).
 */
export function stationFindings(stationId: string, report: StationReport): ExceptionFinding[] {
  const findings: ExceptionFinding[] = report.status.deadLetters.map((letter) => {
    const pickingId = Number(PICKING_KEY.exec(letter.orderKey)?.[1] ?? NaN);
    return {
      key: `station_exception:${stationId}:dead-letter:${letter.id}`,
      kind: 'station_exception',
      severity: 'critical',
      source: 'station',
      stationId,
      pickingId: Number.isInteger(pickingId) ? pickingId : null,
      pickingName: null,
      shipmentId: null,
      trackingCode: null,
      detail: `${stationId}: ${letter.target} refused ${letter.orderKey} for good — ${letter.reason}`,
      amounts: null,
      suggestedAction: { code: 'check_at_station', text: 'Replay or discard the dead letter (station detail → dead letters) once its cause is fixed' },
    };
  });
  const open = report.status.carrierExceptions?.open ?? 0;
  if (open > 0) {
    findings.push({
      key: `station_exception:${stationId}:carrier-exceptions`,
      kind: 'station_exception',
      severity: 'warning',
      source: 'station',
      stationId,
      pickingId: null,
      pickingName: null,
      shipmentId: null,
      trackingCode: null,
      detail: `${stationId}: ${open} ${open === 1 ? 'parcel waits' : 'parcels wait'} in the station's carrier exception queue`,
      amounts: null,
      suggestedAction: { code: 'check_at_station', text: "Resolve them on the station's supervisor panel (address, rate or price ceiling)" },
    });
  }
  return findings;
}

/** The keys a report's findings are compared by, to see whether anything changed since the last report. */
export const findingKeys = (findings: readonly ExceptionFinding[]): string => findings.map((f) => f.key).sort().join('\n');
