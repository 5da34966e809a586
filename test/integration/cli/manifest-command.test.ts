/**
 * `station manifest` as a real child process against a real station database and the EasyPost sandbox over HTTP on
 * 127.0.0.1: a dry run says what it would do and asks nothing; the run makes one form per carrier, saves its PDF in
 * the data folder and queues the summary label in the station's print queue; a second run finds nothing new; a
 * carrier the platform refuses exits 1 and leaves its labels for the next run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RatePolicySchema } from '../../../app/domain/rate-policy.schema';
import { createEasyPostPlatform } from '../../../sync/carrier/easypost.platform';
import { ShippingDesk } from '../../../sync/carrier/shipping-desk';
import { closeStationDb, openStationDb, type StationDb } from '../../../sync/db/station-db';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { SqliteLedger } from '../../../sync/outbox/sqlite-ledger';
import { CarrierSandbox } from '../../../sync/sim/carrier/carrier-sandbox.sim';
import { realClock } from '../../support/real-clock';
import { runStation } from '../../support/station-cli';
import { minimalConfig } from '../../support/station-config-input';
import { parcel, picking, tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { CUSTOMER, WAREHOUSE } from '../carrier/platform-contract';

const KEY = 'sandbox-carrier-key';

const station = (args: string[]) => runStation(args, { ...process.env, STATION_ODOO_API_KEY: 'odoo-key', STATION_CARRIER_API_KEY: KEY });

describe('station manifest (child process, real station database, EasyPost sandbox)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let sandbox: CarrierSandbox;
  let db: StationDb;
  let config: string;
  let dataDir: string;

  /** Picking `id` packed in one parcel and its label bought on the sandbox, recorded as the station records it. */
  const shipOut = async (id: number, service?: string) => {
    const outbox = new OutboxStore(db, realClock);
    const ledger = new SqliteLedger(db, realClock, outbox);
    new SqlitePickingCache(db, realClock, outbox).cachePicking(picking(id, { partner: CUSTOMER, warehouse: WAREHOUSE }));
    ledger.recordParcelPacked(parcel(id, 1));
    const policy = service ? RatePolicySchema.parse({ choose: 'preferred', preferred: [service] }) : undefined;
    const desk = new ShippingDesk({ platform: createEasyPostPlatform({ baseUrl: sandbox.url, apiKey: KEY }), policies: { policy, policies: {}, services: [] }, verifyAddresses: false, clock: realClock });
    const request = { reference: `WH/OUT/000${id}#1`, from: WAREHOUSE, to: CUSTOMER, parcel: { weightG: 800, packageType: null }, labelDpi: 203 as const, services: [] };
    const shipment = await desk.buyLabel(request);
    ledger.recordLabelBought(id, 1, request.reference, shipment);
    return shipment;
  };
  const summaries = () => db.prepare(`SELECT kind, state, data FROM print_jobs WHERE kind = 'manifest-summary' ORDER BY created_at`).all() as { kind: string; state: string; data: string }[];

  beforeEach(async () => {
    tmp = tempDir();
    sandbox = await CarrierSandbox.start({ apiKey: KEY });
    dataDir = join(tmp.dir, 'data');
    mkdirSync(dataDir);
    config = join(tmp.dir, 'station.json');
    // Odoo is never asked: the ship-from of these pickings is in the station's own copies.
    writeFileSync(config, JSON.stringify({ ...minimalConfig, stationId: 'pack-03', odoo: { ...minimalConfig.odoo, url: 'http://127.0.0.1:9' }, carrier: { kind: 'easypost', baseUrl: sandbox.url } }));
    db = openStationDb(join(dataDir, 'station.db'));
  });
  afterEach(async () => {
    closeStationDb(db);
    await sandbox.close();
    tmp.cleanup();
  });

  it('dry run, then one form per carrier with its PDF and summary label, then nothing new', async () => {
    const a = await shipOut(12, 'USPS:GroundAdvantage');
    const b = await shipOut(13, 'UPS:Ground');
    const c = await shipOut(14, 'USPS:GroundAdvantage');

    const dry = await station(['manifest', '--config', config, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^End-of-day manifest \d{4}-\d\d-\d\d \(dry run: the platform was asked nothing, nothing was written\)\n/);
    expect(dry.stdout).toContain(`USPS (easypost, account ${a.rate.carrierAccount}, from Jack Sparrow, Black Pearl Ltd): 2 parcel(s) would go on one form`);
    expect(dry.stdout).toContain(`    tracking: ${a.trackingCode} ${c.trackingCode}`);
    expect(dry.stdout).toContain('UPS (easypost');
    expect(summaries()).toEqual([]);

    const run = await station(['manifest', '--config', config]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const forms = [...run.stdout.matchAll(/manifest (sf_[0-9a-f]+) created/g)].map((m) => m[1] as string);
    expect(forms).toHaveLength(2);
    for (const form of forms) {
      const pdf = join(dataDir, 'manifests', `${form}.pdf`);
      expect(run.stdout).toContain(`form saved: ${pdf}`);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expect(run.stdout).toMatch(/summary label queued: print job [0-9a-f-]{36}/);
    const queued = summaries();
    expect(queued.map((j) => j.state)).toEqual(['queued', 'queued']);
    expect(queued.some((j) => j.data.includes(`^FD${b.trackingCode}^FS`) && j.data.includes('STATION pack-03'))).toBe(true);

    const again = await station(['manifest', '--config', config]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to manifest');
    expect(summaries()).toHaveLength(2);
  });

  it('a carrier the platform refuses: exit 1, its labels stay for the next run; --carrier takes one carrier only', async () => {
    await shipOut(12, 'USPS:GroundAdvantage');
    await shipOut(13, 'UPS:Ground');
    sandbox.failNext(1, 'http500');
    const failed = await station(['manifest', '--config', config, '--carrier', 'usps']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/USPS .* 1 parcel\(s\) — FAILED/);
    expect(failed.stdout).toContain('these shipments stay unmanifested');
    expect(failed.stdout).not.toContain('UPS (');
    const json = await station(['manifest', '--config', config, '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { groups: { carrier: string; outcome: string }[] };
    expect(parsed.groups.map((g) => [g.carrier, g.outcome])).toEqual([
      ['UPS', 'created'],
      ['USPS', 'created'],
    ]);
    expect(existsSync(join(dataDir, 'manifests'))).toBe(true);
  });

  it('refuses to run without a config, or on a station database that is not there', async () => {
    const none = await station(['manifest']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('say which station: --config <station.json>');
    writeFileSync(config, JSON.stringify({ ...minimalConfig, dataDir: './elsewhere', carrier: { kind: 'easypost', baseUrl: sandbox.url } }));
    const missing = await station(['manifest', '--config', config]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no station database at');
    const help = await station(['help']);
    expect(help.stdout).toContain('station manifest --config <station.json> [--carrier NAME] [--dry-run] [--json]');
  });
});
