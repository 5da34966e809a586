import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { StationError } from '../../app/domain/errors';
import type { ManifestOutcome, ManifestRun } from '../../app/domain/shipping-day.schema';
import type { Clock, Ids } from '../../app/ports';
import { EndOfDayManifests } from '../../sync/carrier/manifest.service';
import { openStationDb } from '../../sync/db/station-db';
import { OdooJsonRpcGateway } from '../../sync/odoo/odoo.gateway';
import { ManifestStore } from '../../sync/outbox/manifests.store';
import { PrintQueueStore } from '../../sync/print/print-queue.store';
import { loadConfigFile } from '../config/load-config';
import { randomIds, systemClock } from '../system-clock';
import { createCarrierPlatform } from '../wiring/carrier.wiring';
import { shipFromOdoo } from '../wiring/shipping-day.wiring';
import { MANIFEST_USAGE } from './manifest.usage';

export { MANIFEST_USAGE } from './manifest.usage';

export interface ManifestCommandDeps {
  stdout?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  ids?: Ids;
}

/**
 * `station manifest`: the end-of-day run on a station's database, from a shell (or a timer) while the station runs
 * or not. The summary label goes into the station's durable print queue; whoever prints that queue prints it.
 */
export async function runManifest(args: string[], deps: ManifestCommandDeps = {}): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { config: { type: 'string', short: 'c' }, carrier: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const write = deps.stdout ?? ((text: string) => process.stdout.write(text));
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? randomIds;
  if (values.config === undefined) throw new StationError('CONFIG', `say which station: --config <station.json>\nusage:\n${MANIFEST_USAGE}`);
  const config = loadConfigFile(values.config, deps.env ?? process.env);
  const file = join(config.dataDir, 'station.db');
  // A missing file must not become a fresh empty database that then says "nothing to manifest".
  if (!existsSync(file)) throw new StationError('CONFIG', `no station database at ${file} (check the config's dataDir)`);
  const db = openStationDb(file);
  try {
    const queue = new PrintQueueStore(db, clock);
    const { odoo: o } = config;
    const manifests = new EndOfDayManifests({
      platform: createCarrierPlatform(config.carrier, { observer: () => undefined }),
      store: new ManifestStore(db, clock),
      shipFrom: shipFromOdoo(new OdooJsonRpcGateway({ url: o.url, db: o.db, login: o.login, apiKey: o.apiKey, timeoutMs: o.timeoutMs })),
      documentsDir: join(config.dataDir, 'manifests'),
      print: (zpl) => queue.insert(ids.next(), { kind: 'manifest-summary', target: 'label', pickingId: null, parcelIndex: null, data: zpl }).id,
      dpi: () => config.labelPrinter.dpi,
      stationId: config.stationId,
      clock,
    });
    const run = await manifests.run({ ...(values.carrier !== undefined ? { carrier: values.carrier } : {}), dryRun: values['dry-run'] });
    write(values.json ? `${JSON.stringify(run, null, 2)}\n` : formatRun(run));
    return run.groups.some((g) => g.outcome === 'failed') ? 1 : 0;
  } finally {
    // No checkpoint here (closeStationDb does one): a running station owns the WAL and checkpoints it itself.
    db.close();
  }
}

function groupLines(g: ManifestOutcome, dryRun: boolean): string[] {
  const account = g.carrierAccount ? `, account ${g.carrierAccount}` : '';
  const head = `${g.carrier} (${g.platform}${account}, from ${g.from}): ${g.trackingCodes.length} parcel(s)`;
  const lines = [
    g.outcome === 'planned'
      ? `${head} would go on one form`
      : g.outcome === 'failed' || g.outcome === 'skipped'
        ? `${head} — ${g.outcome.toUpperCase()}${g.manifestId ? ` (form ${g.manifestId})` : ''}`
        : `${head} — manifest ${g.manifestId ?? '?'} ${g.outcome}`,
  ];
  if (dryRun || g.outcome === 'created' || g.outcome === 'pending') lines.push(`    tracking: ${g.trackingCodes.join(' ')}`);
  if (g.documentPath) lines.push(`    form saved: ${g.documentPath}`);
  if (g.printJobId) lines.push(`    summary label queued: print job ${g.printJobId}`);
  if (g.detail) lines.push(`    ${g.detail}`);
  return lines;
}

export function formatRun(run: ManifestRun): string {
  const lines = [`End-of-day manifest ${run.day}${run.dryRun ? ' (dry run: the platform was asked nothing, nothing was written)' : ''}`];
  if (run.groups.length === 0) lines.push('Nothing to manifest: every label bought today is on a manifest (or none was bought).');
  for (const g of run.groups) lines.push(...groupLines(g, run.dryRun));
  if (run.documentsFetched.length > 0) lines.push(`Forms saved now that failed to download before: ${run.documentsFetched.join(', ')}`);
  if (run.leftFromEarlierDays > 0) lines.push(`${run.leftFromEarlierDays} label(s) bought before today are on no manifest: they were never handed over; look at them.`);
  return `${lines.join('\n')}\n`;
}
