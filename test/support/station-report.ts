/** A station's report as it travels to the hub, healthy unless a test says otherwise. */
import type { StationReport } from '../../app/hub/hub-protocol.schema';
import type { StationStatus } from '../../app/domain/status.schema';

export function stationStatus(stationId: string, at: number, patch: Partial<StationStatus> = {}): StationStatus {
  const ok = { state: 'connected' as const, since: at - 60_000 };
  return {
    stationId,
    at,
    machine: { state: 'idle', message: null },
    picking: null,
    sync: [
      { target: 'odoo', depth: 0, oldestPendingAgeMs: null, lastSuccessAt: at - 1000, lastError: null, unreachableSince: null },
      { target: 'carrier', depth: 0, oldestPendingAgeMs: null, lastSuccessAt: at - 1000, lastError: null, unreachableSince: null },
    ],
    deadLetters: [],
    devices: { scale: { ...ok, lastReading: null }, scanner: ok, labelPrinter: ok },
    ...patch,
  };
}

export function stationReport(stationId: string, at: number, patch: Partial<StationStatus> = {}): StationReport {
  return { status: stationStatus(stationId, at, patch), paused: null, version: '1.4.0' };
}
