import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { StationError } from '../../app/domain/errors';
import { VoidRequestSchema, type BoughtLabel, type VoidedLabel } from '../../app/domain/label-record.schema';
import { OutboxStore } from '../../sync/outbox/outbox.store';
import { SqliteLedger } from '../../sync/outbox/sqlite-ledger';
import { VoidedLabelsStore } from '../../sync/outbox/voided-labels.store';
import { systemClock } from '../system-clock';
import { LABELS_USAGE } from './labels.usage';
import { STATION_DB_OPTIONS, openCommandDb, type OutboxCommandDeps } from './outbox.command';

export { LABELS_USAGE } from './labels.usage';

/** `station labels` / `station void <reference>` on a station's database. Returns the exit code. */
export async function runLabels(command: 'labels' | 'void', args: string[], deps: OutboxCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...STATION_DB_OPTIONS, by: { type: 'string' }, reason: { type: 'string' }, limit: { type: 'string' } },
  });
  const write = deps.stdout ?? ((text: string) => process.stdout.write(text));
  const env = deps.env ?? process.env;
  const { db, hubLedger } = openCommandDb(values, env, LABELS_USAGE);
  try {
    const outbox = new OutboxStore(db, systemClock, { hubLedger });
    const out = (text: string, json: unknown) => write(values.json ? `${JSON.stringify(json, null, 2)}\n` : text);
    if (command === 'labels') {
      const limit = Number(values.limit ?? 50);
      if (!Number.isInteger(limit) || limit <= 0) throw new StationError('CONFIG', `--limit takes a positive whole number, not "${values.limit ?? ''}"`);
      const labels = new VoidedLabelsStore(db, systemClock, outbox);
      const bought = labels.bought(limit);
      const voided = labels.voided(limit);
      out(formatLabels(bought, voided), { bought, voided });
      return 0;
    }
    const request = VoidRequestSchema.safeParse({ reference: positionals[0] ?? '', reason: values.reason ?? '', by: values.by ?? env.USER ?? userInfo().username });
    if (!request.success) {
      const issue = request.error.issues[0];
      throw new StationError('CONFIG', `station void needs ${issue?.path.join('.') ?? 'its arguments'}: ${issue?.message ?? ''}\nusage:\n${LABELS_USAGE}`);
    }
    const voided = new SqliteLedger(db, systemClock, outbox).voidLabel(request.data);
    out(`voided ${voided.reference} (${voided.trackingCode}, ${voided.carrier} ${voided.service}) by ${voided.requestedBy}: "${voided.reason}"; a running station asks ${voided.platform ?? 'the platform'} for the refund and updates Odoo within a second\n`, { voided });
    return 0;
  } finally {
    // No checkpoint here (closeStationDb does one): the running station owns the WAL and checkpoints it itself.
    db.close();
  }
}

const time = (at: number): string => new Date(at).toISOString().replace('T', ' ').slice(0, 19);

export function formatLabels(bought: readonly BoughtLabel[], voided: readonly VoidedLabel[]): string {
  const live = bought.map(
    (b) =>
      `  ${b.reference}  ${b.trackingCode}  ${b.carrier} ${b.service}  ${b.rate} ${b.currency}  ${time(b.boughtAt)}${b.printed ? '  printed' : ''}` +
      (b.choice ? `\n      ${b.choice.policy}: ${b.choice.reason} (${b.choice.allowed} of ${b.choice.offered} rates allowed)` : ''),
  );
  const gone = voided.map(
    (v) => `  ${v.reference}  ${v.trackingCode}  ${v.rate} ${v.currency}  ${v.status}${v.detail ? ` (${v.detail})` : ''}  voided ${time(v.requestedAt)} by ${v.requestedBy}: ${v.reason}`,
  );
  return [
    bought.length === 0 ? 'No live labels.' : `${bought.length} live label(s), newest first`,
    ...live,
    voided.length === 0 ? 'No voided labels.' : `${voided.length} voided label(s), newest first`,
    ...gone,
    '',
  ].join('\n');
}
