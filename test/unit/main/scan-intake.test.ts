import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { NO_PROGRESS, type LoadedPicking } from '../../../app/domain';
import { packingMachine } from '../../../app/packing/packing.machine';
import { createScanIntake } from '../../../main/wiring/scan.wiring';
import { FakeClock } from '../../support/fake-clock';
import { MUG, gate, picking } from '../app/packing/packing.fixtures';

describe('scan intake: every scan gets an answer', () => {
  it('answers applied, queued or refused with the reason, and logs refusals one line per window', async () => {
    const loading = gate();
    const actor = createActor(
      packingMachine.provide({
        actors: {
          loadPicking: fromPromise<LoadedPicking, { scan: string }>(async () => {
            await loading.promise;
            return { picking, progress: NO_PROGRESS };
          }),
        },
      }),
      { input: { weightTolerancePct: 10, weightToleranceG: 50 } },
    ).start();
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    let blocked: string | null = null;
    const intake = createScanIntake(actor, { clock: new FakeClock(), log, blockedBy: () => blocked });

    expect(intake.submit(picking.name)).toEqual({ accepted: true, outcome: 'applied' });
    expect(intake.submit(MUG)).toEqual({ accepted: true, outcome: 'queued' });
    expect(intake.submit('WH\u0007OUT')).toEqual({
      accepted: false,
      outcome: 'refused',
      reason: expect.stringMatching(/control characters/),
      reasonSay: { key: 'packing.scanInput.notText', params: {} },
    });
    expect(actor.getSnapshot().context.scanNotice).toMatch(/"WH\\x07OUT" was not used/);
    loading.open();
    await new Promise((r) => setTimeout(r, 0));
    expect(actor.getSnapshot().context.scanned).toEqual({ 11: 1 });

    expect(intake.submit('O-BTN.pack')).toMatchObject({ outcome: 'applied' });
    expect(intake.submit(MUG)).toEqual({
      accepted: false,
      outcome: 'refused',
      reason: expect.stringMatching(/waits for its weight/),
      reasonSay: { key: 'packing.notice.notUsed', params: { code: MUG, reason: { key: 'packing.notice.waiting.weighing', params: {} } } },
    });

    // Words the station only passes on (a lost database, a hub's pause) come without a key: the screen shows them as they are.
    blocked = 'the station database is lost';
    expect(intake.submit(MUG)).toEqual({ accepted: false, outcome: 'refused', reason: 'the station database is lost' });
    // Three refusals inside one window: one line now, the count when the window closes.
    expect(log.warn).toHaveBeenCalledTimes(1);
    intake.stop();
    expect(log.warn).toHaveBeenCalledTimes(2);
    actor.stop();
  });
});
