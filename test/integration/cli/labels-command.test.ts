/**
 * `station labels` and `station void` as real child processes against a real station database: the live labels with
 * rate, service and the policy's reason, a void that needs a reason, is refused for a parcel with no label, and
 * queues the refund and the Odoo reflection a running station sends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStation } from '../../support/station-cli';
import { ledgerWorld, type LedgerWorld } from '../../unit/sync/outbox/ledger-world';
import { parcel, picking, shipment } from '../../unit/sync/outbox/outbox-fixtures';

const station = (args: string[]) => runStation(args, { ...process.env, USER: 'night-shift' });

describe('station labels / station void (child process, real station database)', () => {
  let world: LedgerWorld;
  let db: LedgerWorld['db'];

  beforeEach(() => {
    world = ledgerWorld();
    db = world.db;
    world.cache.cachePicking(picking(12));
    const { ledger } = world;
    ledger.recordParcelPacked(parcel(12, 1));
    const s = shipment('9400TRK1', 'shp_1');
    ledger.recordLabelBought(12, 1, 'WH/OUT/00012#1', { ...s, choice: { policy: 'cheapest', reason: 'lowest of 3 rates', offered: 3, allowed: 3 } });
  });
  afterEach(() => world.close());

  it('lists the live labels; a void wants a reason, is audited, and queues the refund and the Odoo reflection', async () => {
    const listed = await station(['labels', '--db', db.name]);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('1 live label(s), newest first');
    expect(listed.stdout).toMatch(/WH\/OUT\/00012#1 {2}9400TRK1 {2}USPS Priority {2}7\.58 USD/);
    expect(listed.stdout).toContain('cheapest: lowest of 3 rates (3 of 3 rates allowed)');

    const refused = await station(['void', 'WH/OUT/00012#1', '--db', db.name]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('station void needs reason');

    const voided = await station(['void', 'WH/OUT/00012#1', '--db', db.name, '--reason', 'box crushed']);
    expect(voided.stderr).toBe('');
    expect(voided.stdout).toContain('voided WH/OUT/00012#1 (9400TRK1, USPS Priority) by night-shift: "box crushed"');
    const queued = db.prepare(`SELECT target, order_key, type FROM outbox WHERE type LIKE 'label.void%' ORDER BY id`).all();
    expect(queued).toEqual([
      { target: 'carrier', order_key: 'void:shp_1', type: 'label.void' },
      { target: 'odoo', order_key: 'picking:12', type: 'label.voided' },
    ]);

    const again = await station(['void', 'WH/OUT/00012#1', '--db', db.name, '--reason', 'box crushed', '--by', 'Ana']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[REJECTED] WH/OUT/00012#1 has no bought label to void');
    const json = JSON.parse((await station(['labels', '--db', db.name, '--json'])).stdout) as { bought: unknown[]; voided: { status: string; requestedBy: string }[] };
    expect(json.bought).toEqual([]);
    expect(json.voided.map((v) => [v.status, v.requestedBy])).toEqual([['requested', 'night-shift']]);
  }, 60_000);
});
