/**
 * `O-BTN.return-label` at the scanner: taken by the scan intake before the packing machine, for the picking on screen
 * or the one scanned next (within the minute), cancelled by scanning it again; the machine never sees either scan.
 */
import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { NO_PROGRESS, type LoadedPicking } from '../../../app/domain';
import { packingMachine } from '../../../app/packing/packing.machine';
import { returnLabelScans } from '../../../main/wiring/return-label-scan';
import { createScanIntake } from '../../../main/wiring/scan.wiring';
import { FakeClock } from '../../support/fake-clock';
import { picking } from '../app/packing/packing.fixtures';

const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('return label by command barcode', () => {
  it('with no picking on screen: waits for the picking scan, buys for it, and lets the next scan go to packing', async () => {
    const clock = new FakeClock();
    const bought: string[] = [];
    const take = returnLabelScans({ clock, log: log(), currentPicking: () => null, buy: async (p) => void bought.push(p) });
    expect(take('O-BTN.return-label')).toEqual({ accepted: true, outcome: 'applied', reason: 'Scan the picking the return label is for' });
    expect(take(' WH/OUT/00012 ')).toEqual({ accepted: true, outcome: 'applied', reason: 'Return label for WH/OUT/00012: buying it, it prints by itself' });
    expect(bought).toEqual(['WH/OUT/00012']);
    expect(take('WH/OUT/00013')).toBeNull();
  });

  it('scanned again cancels; after a minute the waiting ends and the scan is an ordinary one', () => {
    const clock = new FakeClock();
    const buy = vi.fn(async () => undefined);
    const take = returnLabelScans({ clock, log: log(), currentPicking: () => null, buy });
    take('o-btn.RETURN-LABEL');
    expect(take('O-BTN.return-label')).toMatchObject({ reason: 'Return label cancelled' });
    expect(take('WH/OUT/00012')).toBeNull();
    take('O-BTN.return-label');
    clock.advance(60_000);
    expect(take('WH/OUT/00012')).toBeNull();
    expect(buy).not.toHaveBeenCalled();
  });

  it('with a picking on screen: buys for it at once; a failed purchase is logged, not thrown at the scanner', async () => {
    const logs = log();
    const take = returnLabelScans({ clock: new FakeClock(), log: logs, currentPicking: () => ({ name: 'WH/OUT/00077' }), buy: async () => Promise.reject(new Error('platform down')) });
    expect(take('O-BTN.return-label')).toMatchObject({ accepted: true, reason: expect.stringContaining('WH/OUT/00077') });
    await new Promise((r) => setTimeout(r, 0));
    expect(logs.warn).toHaveBeenCalledWith({ picking: 'WH/OUT/00077', err: 'platform down' }, 'return label asked for by scan failed');
  });

  it('in the scan intake: the command and its picking never reach the packing machine', async () => {
    const actor = createActor(
      packingMachine.provide({ actors: { loadPicking: fromPromise<LoadedPicking, { scan: string }>(async () => ({ picking, progress: NO_PROGRESS })) } }),
      { input: { weightTolerancePct: 10, weightToleranceG: 50 } },
    ).start();
    const clock = new FakeClock();
    const bought: string[] = [];
    const intake = createScanIntake(actor, {
      clock,
      log: log(),
      blockedBy: () => null,
      intercept: returnLabelScans({ clock, log: log(), currentPicking: () => actor.getSnapshot().context.picking, buy: async (p) => void bought.push(p) }),
    });
    intake.submit('O-BTN.return-label');
    intake.submit(picking.name);
    expect(actor.getSnapshot().context.picking).toBeNull();
    expect(bought).toEqual([picking.name]);
    // The packer scans the picking to pack it: on screen now, the command takes it at once.
    expect(intake.submit(picking.name)).toEqual({ accepted: true, outcome: 'applied' });
    await new Promise((r) => setTimeout(r, 0));
    intake.submit('O-BTN.return-label');
    expect(bought).toEqual([picking.name, picking.name]);
    expect(actor.getSnapshot().context.refusedScans ?? 0).toBe(0);
    intake.stop();
    actor.stop();
  });
});
