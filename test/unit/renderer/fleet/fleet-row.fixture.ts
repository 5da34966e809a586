import type { StationStatus } from '../../../../app/domain/status.schema';
import type { FleetStation } from '../../../../app/hub/fleet.schema';

export const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

const healthy = { state: 'connected' as const, since: NOW - 3_600_000 };

export function status(overrides: Partial<StationStatus> = {}): StationStatus {
  return {
    stationId: 'st',
    at: NOW - 1000,
    machine: { state: 'idle', message: 'Scan a picking' },
    picking: null,
    sync: [{ target: 'odoo', depth: 0, oldestPendingAgeMs: null, lastSuccessAt: NOW - 5000, lastError: null, unreachableSince: null }],
    deadLetters: [],
    devices: { scale: { ...healthy, lastReading: null }, scanner: healthy, labelPrinter: healthy },
    carrierExceptions: { open: 0 },
    ...overrides,
  };
}

/** A healthy online station unless told otherwise. */
export function row(stationId: string, overrides: Partial<FleetStation> = {}): FleetStation {
  return {
    stationId,
    online: true,
    since: NOW - 600_000,
    lastSeenAt: NOW - 1000,
    version: '0.1.0',
    paused: null,
    status: status({ stationId }),
    printerFaultSince: null,
    lastLabelAt: NOW - 120_000,
    labelsLastHour: 12,
    parcelsLastHour: 12,
    alerts: [],
    ...overrides,
  };
}
