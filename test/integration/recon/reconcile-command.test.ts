/**
 * `station reconcile` on a hub's embedded database with the hub stopped: the stations' ledgers against the Odoo and
 * EasyPost sandboxes over real HTTP, through the same job queue as the hub's runs; refused while a hub holds it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReconcile, sinceArg } from '../../../main/cli/reconcile.command';
import { openHubStore } from '../../../sync/hub/store/hub-store';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';

let dir: string;
let odoo: OdooSandbox;
let carrier: CarrierSandbox;
let configFile: string;
let pickingId: number;
let orphan: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reconcile-cli-'));
  odoo = new OdooSandbox({ version: 17 });
  const odooUrl = (await odoo.listen(0)).url;
  carrier = await CarrierSandbox.start();
  configFile = join(dir, 'hub.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: 'hub',
      odoo: { url: odooUrl, db: 'station', login: 'admin', apiKey: 'sandbox-key' },
      carriers: { easypost: { baseUrl: carrier.url, apiKey: 'sandbox-carrier-key' } },
      reconciliation: { policy: { packedGraceMinutes: 0, orphanGraceMinutes: 0 } },
    }),
  );
  // A station packed a picking Odoo never got done, on a label it bought; someone else bought one more label.
  const [picking] = odoo.createPickings(1);
  pickingId = picking?.id ?? -1;
  const name = picking?.name ?? '';
  const label = carrier.seedShipment({ reference: `${name}#1` });
  orphan = carrier.seedShipment({ reference: null }).shipmentId;
  const store = await openHubStore({ dataDir: join(dir, 'hub') });
  const at = Date.now() - 3_600_000;
  const ref = { pickingId, pickingName: name };
  await store.ledger.append(
    'st-cli',
    [
      { seq: 1, at, fact: { type: 'parcel.packed', ...ref, parcelIndex: 1, weightG: 900, packageTypeId: null, items: 2 } },
      { seq: 2, at, fact: { type: 'label.bought', ...ref, parcelIndex: 1, shipmentId: label.shipmentId, trackingCode: label.trackingCode, carrier: 'USPS', service: 'GroundAdvantage', price: 6.07, currency: 'USD', isReturn: false } },
      { seq: 3, at, fact: { type: 'picking.packed', ...ref, parcels: 1 } },
    ],
    Date.now(),
  );
  await store.close();
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([odoo?.close(), carrier?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('station reconcile', () => {
  it('prints each difference of the window and leaves them open in the queues; a second run finds them known', async () => {
    const out: string[] = [];
    expect(await runReconcile(['--config', configFile, '--since', '24h'], (t) => out.push(t), {})).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/1 pickings from the stations, 1 from Odoo, \d+ labels from the platforms → 2 differences \(2 new/);
    expect(text).toContain(`packed_not_done`);
    expect(text).toContain(`orphan_label`);
    expect(text).toContain(orphan);

    const again: string[] = [];
    expect(await runReconcile(['--config', configFile, '--since', '24h'], (t) => again.push(t), {})).toBe(0);
    expect(again.join('')).toMatch(/→ 2 differences \(0 new, 0 reopened, 2 known, 0 no longer found\)/);

    const store = await openHubStore({ dataDir: join(dir, 'hub') });
    try {
      const runs = await store.jobs.recent(10, 'reconcile');
      expect(runs.map((r) => [r.state, r.requestedBy?.startsWith('cli:')])).toEqual([
        ['done', true],
        ['done', true],
      ]);
      const open = await store.exceptions.list({ states: ['open'] });
      expect(open.map((e) => e.key).sort()).toEqual([`orphan_label:easypost:${orphan}`, `packed_not_done:${pickingId}`]);
      // While a hub (here: this process) holds the embedded database, the command says so instead of running.
      await expect(runReconcile(['--config', configFile], () => undefined, {})).rejects.toThrow(/in use by process/);
    } finally {
      await store.close();
    }
  });

  it('takes --since as hours or days ago, or an ISO time, and refuses anything else', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(sinceArg('24h', now)).toBe('2026-12-02T12:00:00.000Z');
    expect(sinceArg('7d', now)).toBe('2026-11-26T12:00:00.000Z');
    expect(sinceArg('2026-12-01T00:00:00+01:00', now)).toBe('2026-11-30T23:00:00.000Z');
    expect(() => sinceArg('yesterday', now)).toThrow(/ISO time/);
  });
});
