import type { StationReport } from '../../app/hub/hub-protocol.schema';
import type { Clock } from '../../app/ports';
import type { ExceptionStore } from '../../app/recon/recon.ports';
import { findingKeys, stationFindings } from '../../app/recon/station-findings';
import type { Log } from '../log';

/** How a station's report reaches the fleet's exception queues: (station, report) → recorded in the background. */
export type StationExceptionSync = (stationId: string, report: StationReport) => void;

/**
 * Keeps each station's own exceptions (dead letters, its carrier exception queue) in the fleet's queues: raised
 * when a report lists them, resolved when a later report no longer does. Reports come often and rarely change what
 * they list, so the store is only touched when the set changes; one station's updates run one after another.
 */
export function stationExceptionSync(exceptions: Pick<ExceptionStore, 'raise' | 'list' | 'act'>, clock: Clock, log: Log): StationExceptionSync {
  const lastKeys = new Map<string, string>();
  const chains = new Map<string, Promise<void>>();
  const sync = async (stationId: string, report: StationReport): Promise<void> => {
    const findings = stationFindings(stationId, report);
    const keys = findingKeys(findings);
    if (lastKeys.get(stationId) === keys) return;
    const by = `station:${stationId}`;
    const now = clock.now();
    for (const finding of findings) await exceptions.raise(finding, by, now);
    const held = new Set(findings.map((f) => f.key));
    const open = await exceptions.list({ kind: 'station_exception', stationId, states: ['open', 'in_progress'], limit: 10_000 });
    const gone = open.filter((e) => !held.has(e.key)).map((e) => e.id);
    if (gone.length > 0) await exceptions.act(gone, { type: 'resolve', note: 'no longer at the station (replayed, discarded or resolved there)' }, by, now);
    lastKeys.set(stationId, keys);
  };
  return (stationId, report) => {
    const next = (chains.get(stationId) ?? Promise.resolve())
      .then(() => sync(stationId, report))
      .catch((err: unknown) => log.warn({ err, stationId }, "station's exceptions not recorded"));
    chains.set(stationId, next);
  };
}
