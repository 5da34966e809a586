import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { DeadLetterAuditEntry, DeadLetterDetail } from '../../app/domain/dead-letter.schema';
import { StationError } from '../../app/domain/errors';
import { SyncTargetSchema } from '../../app/domain/outbox-event.schema';
import { describeDeadLetter } from '../../app/outbox/dead-letter.describe';
import { openStationDb, type StationDb } from '../../sync/db/station-db';
import { DeadLetterStore } from '../../sync/outbox/dead-letters.store';
import { hasHubLedger } from '../../sync/outbox/hub-ledger-facts';
import { SECRET_ENV } from '../config/load-config';
import { systemClock } from '../system-clock';
import { OUTBOX_USAGE } from './outbox.usage';

export { OUTBOX_USAGE } from './outbox.usage';

export interface OutboxCommandDeps {
  stdout?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

// Only what this command needs from the config: the full station schema would also demand the API keys, which an
// operator's shell need not have (they only serve here to mask themselves out of what is printed).
const ConfigPartSchema = z.object({
  dataDir: z.string().min(1),
  odoo: z.object({ apiKey: z.string().optional() }).partial().optional(),
  carrier: z.object({ apiKey: z.string().optional() }).partial().optional(),
  hub: z.unknown().optional(),
});

/** `station outbox …`: the dead letters of a station's database. Returns the exit code. */
export async function runOutbox(args: string[], deps: OutboxCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...STATION_DB_OPTIONS, who: { type: 'string' }, reason: { type: 'string' }, all: { type: 'boolean', default: false }, target: { type: 'string' } },
  });
  const write = deps.stdout ?? ((text: string) => process.stdout.write(text));
  const env = deps.env ?? process.env;
  const [action, idText] = positionals;
  const { db, secrets } = openCommandDb(values, env, OUTBOX_USAGE);
  try {
    const store = new DeadLetterStore(db, systemClock);
    const who = (values.who ?? env.USER ?? userInfo().username).trim();
    const by = { who, reason: values.reason, via: 'cli' as const };
    const out = (text: string, json: unknown) => write(values.json ? `${JSON.stringify(json, null, 2)}\n` : text);
    const describe = (id: number): DeadLetterDetail => {
      const facts = store.get(id);
      if (facts === null) throw new StationError('NOT_FOUND', `no dead letter ${id}`);
      return describeDeadLetter(facts, secrets);
    };
    switch (action) {
      case 'list': {
        const letters = store.list().map((facts) => describeDeadLetter(facts, secrets));
        out(formatList(letters), letters);
        return 0;
      }
      case 'show': {
        const letter = describe(parseId(idText));
        const audit = store.auditTrail(100, letter.id);
        out(formatDetail(letter, audit), { letter, audit });
        return 0;
      }
      case 'replay': {
        if (values.all) {
          const target = SyncTargetSchema.safeParse(values.target);
          if (!target.success) throw new StationError('CONFIG', `replay --all needs --target ${SyncTargetSchema.options.join('|')}`);
          const replayed = store.replayAll(target.data, by);
          out(`replayed ${replayed.length} dead letter(s) for ${target.data}${replayed.length ? `: ${replayed.join(', ')}` : ''}\n`, { replayed });
          return 0;
        }
        const id = parseId(idText);
        store.replay(id, by);
        out(`replayed dead letter ${id} (${label(describe(id))}); a running station sends it within a second\n`, { replayed: [id] });
        return 0;
      }
      case 'discard': {
        const id = parseId(idText);
        store.discard(id, by);
        out(`discarded dead letter ${id} (${label(describe(id))}): "${by.reason?.trim() ?? ''}" by ${who}\n`, { discarded: id });
        return 0;
      }
      default:
        throw new StationError('CONFIG', `unknown outbox action "${action ?? ''}"\nusage:\n${OUTBOX_USAGE}`);
    }
  } finally {
    // No checkpoint here (closeStationDb does one): the running station owns the WAL and checkpoints it itself.
    db.close();
  }
}

/** The options of every command on a station's database: which station, and JSON output. */
export const STATION_DB_OPTIONS = { config: { type: 'string', short: 'c' }, db: { type: 'string' }, json: { type: 'boolean', default: false } } as const;

/** Opens the station database a command works on; a missing file is an error, never a fresh empty database. */
export function openCommandDb(
  where: { config?: string | undefined; db?: string | undefined },
  env: NodeJS.ProcessEnv,
  usage: string,
): { db: StationDb; secrets: string[]; hubLedger: boolean } {
  const { file, secrets, hub } = locateDb(where.config, where.db, env, usage);
  // A fresh empty database would then say "no dead letters", "no labels".
  if (!existsSync(file)) throw new StationError('CONFIG', `no station database at ${file} (check --db or the config's dataDir)`);
  const db = openStationDb(file);
  // Without the config (--db), a station that reports to a hub is known by the facts it queued for one.
  return { db, secrets, hubLedger: hub ?? hasHubLedger(db) };
}

/** The station database a command works on (`--db`, or the config's dataDir) and the secrets to mask in what it prints. */
export function locateDb(config: string | undefined, db: string | undefined, env: NodeJS.ProcessEnv, usage = OUTBOX_USAGE): { file: string; secrets: string[]; hub: boolean | null } {
  const fromEnv = [env[SECRET_ENV.odooApiKey], env[SECRET_ENV.carrierApiKey]].filter((s): s is string => typeof s === 'string');
  if (db !== undefined) return { file: resolve(db), secrets: fromEnv, hub: null };
  if (config === undefined) throw new StationError('CONFIG', `say which station: --config <station.json> or --db <station.db>\nusage:\n${usage}`);
  let parsed: z.infer<typeof ConfigPartSchema>;
  try {
    parsed = ConfigPartSchema.parse(JSON.parse(readFileSync(config, 'utf8')));
  } catch (cause) {
    throw new StationError('CONFIG', `cannot read dataDir from ${config}: ${(cause as Error).message}`, { cause });
  }
  const secrets = [...fromEnv, parsed.odoo?.apiKey, parsed.carrier?.apiKey].filter((s): s is string => typeof s === 'string');
  // As the station resolves it: relative to the config file's folder, the database named station.db in it.
  return { file: join(resolve(dirname(resolve(config)), parsed.dataDir), 'station.db'), secrets, hub: parsed.hub !== undefined };
}

function parseId(text: string | undefined): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new StationError('CONFIG', `expected a dead letter id, got "${text ?? ''}"`);
  return id;
}

const label = (l: DeadLetterDetail): string => [l.pickingName ?? l.orderKey, l.eventType ?? 'record', `→ ${l.target}`].join(' ');
const time = (at: number): string => new Date(at).toISOString().replace('T', ' ').slice(0, 19);

export function formatList(letters: readonly DeadLetterDetail[]): string {
  if (letters.length === 0) return 'No dead letters: every event was delivered or is still being retried.\n';
  const lines = letters.flatMap((l) => [
    `#${l.id}  ${label(l)}  ${l.attempts ?? '-'} attempt(s)  ${time(l.at)}${l.advice.replayable ? '' : '  (cannot be replayed)'}`,
    `    ${l.advice.summary}`,
    `    what to do: ${l.advice.instruction}`,
  ]);
  return `${letters.length} dead letter(s)\n${lines.join('\n')}\n`;
}

export function formatDetail(l: DeadLetterDetail, audit: readonly DeadLetterAuditEntry[]): string {
  const state = l.resolution === null ? 'open' : `${l.resolution} ${time(l.resolvedAt ?? l.at)}`;
  const lines = [
    `dead letter #${l.id} (${state})`,
    `  picking     ${l.pickingName ?? '-'} (${l.orderKey})`,
    `  event       ${l.eventId ?? '-'} ${l.eventType ?? '(not an outbox event)'} → ${l.target}, ${l.attempts ?? '-'} attempt(s)`,
    `  since       ${time(l.at)}`,
    `  error       ${l.advice.summary}`,
    `  what to do  ${l.advice.instruction}`,
    `  stored      ${l.reason}`,
    '  payload (masked):',
    ...l.payload.split('\n').map((line) => `    ${line}`),
    '  decisions:',
    ...(audit.length === 0 ? ['    none'] : audit.map((a) => `    ${time(a.at)}  ${a.action} by ${a.who} (${a.via})${a.reason ? `: ${a.reason}` : ''}`)),
  ];
  return `${lines.join('\n')}\n`;
}
