/**
 * The core's side of alerts and sound settings: `O-BTN.ack` taken in the scan intake (the packing machine never
 * sees it), every screen pushed a view without the acknowledged alert, and volume/mute kept in the station database.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from 'xstate';
import type { PackingView } from '../../../app/domain';
import { createBenchFeedback } from '../../../main/wiring/feedback.wiring';
import { createFeedbackSettings } from '../../../main/wiring/feedback-settings.wiring';
import { createScanIntake } from '../../../main/wiring/scan.wiring';
import { silentLog } from '../../../main/log';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { FakeClock } from '../../support/fake-clock';
import { NOT_IN_PICKING, picking, startStation } from '../../unit/app/packing/packing.fixtures';
import { tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

async function bench() {
  const { actor } = startStation();
  const clock = new FakeClock();
  const pushed: PackingView[] = [];
  const feedback = createBenchFeedback(actor, { clock, log: log(), publish: (view) => pushed.push(view) });
  const intake = createScanIntake(actor, { clock, log: log(), blockedBy: () => null, intercept: feedback.scans });
  intake.submit(picking.name);
  await waitFor(actor, (s) => s.matches('packing'));
  return { actor, clock, feedback, intake, pushed };
}

describe('alerts in the core', () => {
  it('O-BTN.ack at the scanner silences the standing alert on every screen, and never reaches the packing machine', async () => {
    const { actor, clock, feedback, intake, pushed } = await bench();
    expect(intake.submit(NOT_IN_PICKING)).toEqual({ accepted: true, outcome: 'applied' });
    const alert = feedback.view().alert;
    expect(alert).toEqual({ kind: 'wrongItem', at: clock.now(), mustAct: true });

    expect(intake.submit('o-btn.ACK')).toEqual({ accepted: true, outcome: 'applied', reason: 'Alert acknowledged' });
    expect(pushed.at(-1)).toMatchObject({ state: 'packing.wrongProduct', alert: null });
    expect(actor.getSnapshot().context.lastScan).toBe(NOT_IN_PICKING);
    expect(feedback.view().alert).toBeNull();

    // The same wrong item again is a new alert, even within the same millisecond.
    intake.submit(NOT_IN_PICKING);
    expect(feedback.view().alert).toEqual({ kind: 'wrongItem', at: alert!.at + 1, mustAct: true });
  });

  it('the acknowledge channel: accepted for a standing alert, refused with a reason when there is none', async () => {
    const { feedback, intake, pushed } = await bench();
    const route = feedback.routes['feedback:acknowledge']!;
    expect(route(undefined)).toEqual({ accepted: false, error: 'No alert to acknowledge' });
    expect(intake.submit('O-BTN.ack')).toMatchObject({ accepted: true, reason: 'No alert to acknowledge' });
    expect(pushed).toEqual([]);
    intake.submit('NOT-A-CODE');
    expect(feedback.view().alert).toMatchObject({ kind: 'unknownBarcode', mustAct: false });
    expect(route(undefined)).toEqual({ accepted: true });
    expect(pushed).toHaveLength(1);
    expect(route(undefined)).toEqual({ accepted: false, error: 'No alert to acknowledge' });
  });
});

describe('sound settings', () => {
  const tmp = tempDir();
  afterEach(() => tmp.cleanup());

  it('start from the config, are kept in the station database across a restart, and ignore a value they cannot read', () => {
    const clock = new FakeClock();
    const file = tmp.file();
    let db = openStationDb(file);
    let wiring = createFeedbackSettings({ volume: 0.8, muted: false }, { db, clock, log: silentLog() });
    expect(wiring.settings()).toEqual({ volume: 0.8, muted: false });
    expect(wiring.routes['ui:feedback']!({ volume: 0.3, muted: true })).toEqual({ accepted: true });
    closeStationDb(db);

    db = openStationDb(file);
    wiring = createFeedbackSettings({ volume: 0.8, muted: false }, { db, clock, log: silentLog() });
    expect(wiring.settings()).toEqual({ volume: 0.3, muted: true });
    db.prepare(`UPDATE station_settings SET value = '{"volume":7}' WHERE key = 'ui.feedback'`).run();
    expect(wiring.settings()).toEqual({ volume: 0.8, muted: false });
    closeStationDb(db);
  });
});
