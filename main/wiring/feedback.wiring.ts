/**
 * The packer's alerts as the core keeps them: each occurrence gets its time here, and an acknowledgement (F9 on any
 * screen, the `O-BTN.ack` barcode at the scanner) silences it on every screen showing the station, because the
 * acknowledged alert is left out of the packing view they are all pushed.
 */
import type { Actor } from 'xstate';
import type { PackingView } from '../../app/domain';
import type { ScanAnswer } from '../../app/ipc/contract';
import type { Clock, LogSink } from '../../app/ports';
import { stationCommandForBarcode } from '../../app/commands/station-commands';
import { AlertTrack } from '../../app/packing/alert';
import type { packingMachine } from '../../app/packing/packing.machine';
import { toPackingView, type PackingSnapshot } from '../../app/packing/packing.view';
import type { StationRoutes } from '../station-core';
import type { ScanInterceptor } from './return-label-scan';

export interface BenchFeedback {
  /** The packing view of a snapshot (the actor's current one by default), with the alert to sound and flash. */
  view(snapshot?: PackingSnapshot): PackingView;
  /**
   * Takes `O-BTN.ack`; lets every other scan through, counted, so the same wrong item scanned twice is two alerts.
   * Put it last among the interceptors: a scan another one takes never reaches the packing machine.
   */
  scans: ScanInterceptor;
  routes: StationRoutes;
}

export interface BenchFeedbackDeps {
  clock: Pick<Clock, 'now'>;
  log: LogSink;
  /** Pushes a view to every screen (the core's `packing:view`). */
  publish(view: PackingView): void;
}

export function createBenchFeedback(actor: Actor<typeof packingMachine>, deps: BenchFeedbackDeps): BenchFeedback {
  const alerts = new AlertTrack(() => deps.clock.now());
  const view = (snapshot: PackingSnapshot = actor.getSnapshot()) => toPackingView(snapshot, alerts);
  const acknowledge = (via: 'key' | 'barcode'): boolean => {
    const standing = view().alert ?? null;
    if (standing === null || !alerts.acknowledge()) return false;
    deps.log.info({ kind: standing.kind, at: standing.at, via }, 'alert acknowledged');
    deps.publish(view());
    return true;
  };
  const scans: ScanInterceptor = (code): ScanAnswer | null => {
    if (stationCommandForBarcode(code)?.id === 'acknowledge') {
      const done = acknowledge('barcode');
      return { accepted: true, outcome: 'applied', reason: done ? 'Alert acknowledged' : 'No alert to acknowledge' };
    }
    alerts.scanArrived();
    return null;
  };
  return {
    view,
    scans,
    routes: {
      'feedback:acknowledge': () => (acknowledge('key') ? { accepted: true } : { accepted: false, error: 'No alert to acknowledge' }),
    },
  };
}
