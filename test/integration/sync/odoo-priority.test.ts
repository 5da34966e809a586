/** Odoo's priority star and scheduled date reach the station's picking, over JSON-RPC (17) and JSON-2 (19). */
import { describe, expect, it } from 'vitest';
import { world } from './odoo-world';

describe.each([17, 19] as const)('picking priority from Odoo %i', (version) => {
  it('reads the star as urgent and the scheduled date as UTC', async () => {
    const { sandbox, gateway } = await world(version);
    const [plain, starred] = sandbox.createPickings(2);
    sandbox.writeInOdoo('stock.picking', starred!.id, { priority: '1', scheduled_date: '2026-12-02 09:30:00' });
    const urgent = await gateway.findPicking(starred!.name);
    expect(urgent).toMatchObject({ urgent: true, scheduledAt: Date.UTC(2026, 11, 2, 9, 30) });
    expect((await gateway.findPicking(plain!.name))?.urgent).toBe(false);
  });
});
