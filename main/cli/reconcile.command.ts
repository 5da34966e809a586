import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { StationError } from '../../app/domain/errors';
import type { HubStore } from '../../app/hub/hub.ports';
import type { HubException } from '../../app/recon/exception.schema';
import type { JobRun } from '../../app/recon/recon.ports';
import { openHubStore } from '../../sync/hub/store/hub-store';
import { loadHubConfigFile } from '../hub/hub-config';
import { reconSystems } from '../hub/recon-readers';
import { reconcileHandler } from '../hub/recon.wiring';
import { silentLog } from '../log';
import { systemClock } from '../system-clock';
import { RECONCILE_USAGE } from './reconcile.usage';

export { RECONCILE_USAGE } from './reconcile.usage';

const AGO = /^(\d+)([hd])$/;
const WAIT_FOR_HUB_MS = 10 * 60_000;
/** Longest list printed; the queues hold the rest. */
const PRINTED = 200;

/** `--since 24h` / `7d` / an ISO time → ISO time. */
export function sinceArg(raw: string, now: number): string {
  const ago = AGO.exec(raw);
  if (ago) return new Date(now - Number(ago[1]) * (ago[2] === 'd' ? 86_400_000 : 3_600_000)).toISOString();
  if (Number.isNaN(Date.parse(raw))) throw new StationError('CONFIG', `--since ${raw}: give an ISO time (2026-12-01T00:00:00Z) or 24h / 7d`);
  return new Date(raw).toISOString();
}

/** `station reconcile …`: queues a run like the fleet view's button, runs it here (unless a hub took it), prints it. */
export async function runReconcile(args: string[], write: (text: string) => void = (t) => process.stdout.write(t), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { config: { type: 'string', short: 'c' }, since: { type: 'string' }, until: { type: 'string' }, 'as-of': { type: 'string' } } });
  if (!values.config) throw new StationError('CONFIG', `station reconcile needs --config <hub.json>\nusage:\n${RECONCILE_USAGE}`);
  const config = loadHubConfigFile(values.config, env);
  const systems = reconSystems(config);
  const now = systemClock.now();
  const payload = {
    ...(values.since ? { since: sinceArg(values.since, now) } : {}),
    ...(values.until ? { until: sinceArg(values.until, now) } : {}),
    ...(values['as-of'] ? { asOf: sinceArg(values['as-of'], now) } : {}),
  };
  const store = await openHubStore({ dataDir: config.dataDir, url: config.database?.url });
  try {
    const runId = await store.jobs.enqueue('reconcile', payload, `cli:${env.USER ?? userInfo().username}`, now);
    const handler = reconcileHandler({ store, systems, config, clock: systemClock, log: silentLog() });
    const run = await runUntilDone(store, runId, handler);
    if (run.state === 'failed') {
      write(`reconciliation run ${run.id} failed: ${run.error ?? 'unknown error'}\n`);
      return 1;
    }
    write(`${describeRun(run)}\n`);
    const open = await store.exceptions.list({ states: ['open', 'in_progress'], limit: 10_000 });
    const found = open.filter((e) => e.source === 'reconciliation' && e.lastSeenAt >= (run.startedAt ?? now));
    for (const e of found.slice(0, PRINTED)) write(`${line(e)}\n`);
    if (found.length > PRINTED) write(`… and ${found.length - PRINTED} more (fleet view → Exceptions)\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Runs queued reconciliations here until ours is done; when a hub on the same database took ours, waits for it. */
async function runUntilDone(store: HubStore, runId: number, handler: ReturnType<typeof reconcileHandler>): Promise<JobRun> {
  const me = `cli-${process.pid}`;
  const deadline = Date.now() + WAIT_FOR_HUB_MS;
  for (;;) {
    const mine = await store.jobs.get(runId);
    if (mine && (mine.state === 'done' || mine.state === 'failed')) return mine;
    const run = await store.jobs.claimNext(me, systemClock.now(), 120_000, ['reconcile']);
    if (run) {
      const outcome = await handler(run, new AbortController().signal).then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) }),
      );
      await store.jobs.finish(run.id, outcome, systemClock.now());
      continue;
    }
    if (Date.now() > deadline) throw new StationError('TIMEOUT', `reconciliation run ${runId} was taken by a hub and is not done after ${WAIT_FOR_HUB_MS / 60_000} min`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function describeRun(run: JobRun): string {
  const r = run.result ?? {};
  const n = (key: string) => Number(r[key] ?? 0);
  const window = `${new Date(n('since')).toISOString()} – ${new Date(n('until')).toISOString()}`;
  return (
    `reconciliation run ${run.id} (${window}): ${n('ledgerPickings')} pickings from the stations, ${n('odooPickings')} from Odoo, ` +
    `${n('platformShipments')} labels from the platforms → ${n('findings')} differences (${n('opened')} new, ${n('reopened')} reopened, ` +
    `${n('seenAgain')} known, ${n('autoResolved')} no longer found)`
  );
}

const line = (e: HubException): string => `  #${e.id} ${e.kind.padEnd(22)} ${e.detail}  → ${e.suggestedAction.text}`;
