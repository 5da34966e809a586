/**
 * The station's real link (sync/hub/station-link) against the real hub (PGlite): its report is stored and shown,
 * its ledger upload acknowledged once, a rotation reaches it over the link and its next handshake uses the new
 * token, and a revocation drops it and keeps it out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CommandEnvelope, CommandResult, LedgerBatch } from '../../../app/hub/hub-protocol.schema';
import { systemClock } from '../../../main/system-clock';
import { StationLink } from '../../../sync/hub/station-link';
import { FleetClient, startTestHub, type TestHub } from '../../support/hub-world';
import { stationReport } from '../../support/station-report';

let hub: TestHub;
let admin: FleetClient;
beforeAll(async () => {
  hub = await startTestHub({}, { STATION_HUB_ADMIN_PASSWORD: 'first-admin-pass' });
  admin = new FleetClient(hub.url);
  await admin.login('admin', 'first-admin-pass');
}, 60_000);
afterAll(async () => hub?.stop());

it('a real station link reports, uploads, takes a rotated token and is kept out once revoked', async () => {
  let token = (await (await admin.call('POST', '/api/stations/pack-01/token', { action: 'issue' })).json() as { token: string }).token;
  const first = token;
  const commands: CommandEnvelope['command'][] = [];
  const link = new StationLink({
    url: hub.url,
    stationId: 'pack-01',
    version: '2.0.0',
    token: () => token,
    clock: systemClock,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    statusMinIntervalMs: 100,
    currentReport: () => stationReport('pack-01', Date.now()),
    onCommand: async (envelope): Promise<CommandResult> => {
      commands.push(envelope.command);
      if (envelope.command.kind === 'token.rotate') token = envelope.command.token;
      return { id: envelope.id, ok: true };
    },
    refusedRetryMs: 200,
    reconnectDelayMs: 100,
    reconnectDelayMaxMs: 200,
  });
  link.start();
  try {
    await expect.poll(() => link.state().connected, { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await hub.store.reports.latest()).find((r) => r.stationId === 'pack-01')?.report.version, { timeout: 10_000 }).toBe('1.4.0');

    const batch: LedgerBatch = { entries: [{ seq: 7, at: Date.now(), fact: { type: 'picking.validated', pickingId: 12, pickingName: 'WH/OUT/00012' } }] };
    expect(await link.sendLedger(batch)).toEqual({ ok: true, stored: 1, highestSeq: 7 });
    expect(await link.sendLedger(batch)).toEqual({ ok: true, stored: 0, highestSeq: 7 });
    expect(await hub.store.ledger.validatedPickings('pack-01')).toEqual([{ stationId: 'pack-01', pickingId: 12 }]);

    expect(await (await admin.call('POST', '/api/stations/pack-01/token', { action: 'rotate' })).json()).toEqual({ rotated: true });
    expect(commands.map((c) => c.kind)).toEqual(['token.rotate']);
    expect(token).not.toBe(first);
    expect(await hub.store.tokens.verify('pack-01', first)).toBe('TOKEN_INVALID');
    await link.stop(); // the next handshake can only succeed with the rotated token
    link.start();
    await expect.poll(() => link.state().connected, { timeout: 10_000 }).toBe(true);

    expect((await admin.call('POST', '/api/stations/pack-01/token', { action: 'revoke' })).status).toBe(200);
    await expect.poll(() => link.state().refused, { timeout: 10_000 }).toBe('TOKEN_REVOKED');
    expect(link.state().connected).toBe(false);
  } finally {
    await link.stop();
  }
});
