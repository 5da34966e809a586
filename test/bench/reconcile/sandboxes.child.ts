/**
 * The reconciliation bench's Odoo, EasyPost and Shippo sandboxes in their own process (forked by the bench), so that
 * the hub's time and memory are measured apart from the systems it reads, as they would be on the network.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { memoryOf } from '../fleet/proc-stats';
import { reconPlan } from './recon-plan';
import { seedSandboxes, type SeededSandboxes } from './sandbox-seed';
import { ToSandboxesSchema, type FromSandboxes, type SandboxCounts, type ToSandboxes } from './sandbox-protocol';

const send = (message: FromSandboxes) => process.send?.(message);
let world: SeededSandboxes | null = null;
/** Odoo's endpoint hits are counted from its start: the run's are those since the last reset. */
let odooHitsBefore = 0;
let loopBefore: EventLoopUtilization = performance.eventLoopUtilization();

const odooHits = (w: SeededSandboxes): number => w.odoo.hits.jsonrpc + w.odoo.hits.json2;

function counts(w: SeededSandboxes): SandboxCounts {
  const calls = w.odoo.calls();
  const reads = calls.filter((c) => c.model === 'stock.picking' && c.method === 'search_read');
  const byId = reads.filter((c) => JSON.stringify(c.args[0]).startsWith('[["id","in"'));
  return {
    odoo: {
      http: odooHits(w) - odooHitsBefore,
      pickingsById: byId.length,
      doneWithTracking: reads.length - byId.length,
      otherCalls: calls.filter((c) => !reads.includes(c)).map((c) => `${c.model}.${c.method}`),
    },
    easypost: w.easypost.requestCounts(),
    shippo: w.shippo.requestCounts(),
    busyMs: performance.eventLoopUtilization(loopBefore).active,
    memory: memoryOf(process.pid),
  };
}

async function handle(message: ToSandboxes): Promise<FromSandboxes> {
  if (message.type === 'seed') {
    world = await seedSandboxes(reconPlan(message.n, message.now), message.odooVersion);
    const { urls, shipped, seeding } = world;
    return { type: 'seeded', urls, shipped, seeding, memory: memoryOf(process.pid) };
  }
  if (!world) throw new Error('the sandboxes are not seeded yet');
  if (message.type === 'reset') {
    world.odoo.clearCalls();
    odooHitsBefore = odooHits(world);
    world.easypost.resetRequestCounts();
    world.shippo.resetRequestCounts();
    loopBefore = performance.eventLoopUtilization();
    return { type: 'reset' };
  }
  return { type: 'counts', counts: counts(world) };
}

process.on('message', (raw) => {
  handle(ToSandboxesSchema.parse(raw)).then(send, (error: unknown) => send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
process.on('disconnect', () => process.exit(0));
