/**
 * A throttling Odoo (or the proxy in front of it) answers 429 with Retry-After: the sync engine holds the target,
 * probes included, until that time and then resumes by itself. On Odoo 19 the refused call is a JSON-2 one; on 17 a
 * JSON-RPC one. Real parts: the Odoo sandbox over HTTP behind the soak's fault proxy (429 with `Retry-After: 1`), the
 * gateway, the sync engine on the station's SQLite file, real time.
 */
import { expect, it } from 'vitest';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { SyncEngine } from '../../../sync/engine/sync.engine';
import { createOdooDeliverer } from '../../../sync/odoo/odoo.deliverer';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { FaultProxy } from '../../soak/fault-proxy';
import { cleanupAfterEach } from '../../support/cleanup';
import { realClock } from '../../support/real-clock';
import { tempDir } from '../../unit/sync/outbox/outbox-fixtures';
import { waitUntil } from '../../../main/demo/wait-for';

const cleanups = cleanupAfterEach();

it.each([
  [19, 'json2'],
  [17, 'jsonrpc'],
] as const)('Odoo %i: a 429 on %s holds the target until its Retry-After, then delivery resumes', async (version, wire) => {
  const sandbox = new OdooSandbox({ version });
  const { url } = await sandbox.listen(0, '127.0.0.1');
  cleanups.push(() => sandbox.close());
  const proxy = new FaultProxy({ target: url, rate: 1, seed: 1, slowMs: 0, kinds: ['http429'] });
  proxy.active = false;
  const proxyUrl = await proxy.listen();
  cleanups.push(() => proxy.close());
  const tmp = tempDir();
  cleanups.push(() => tmp.cleanup());
  const db = openStationDb(tmp.file());
  cleanups.push(() => closeStationDb(db));
  const store = new OutboxStore(db, realClock);
  const gateway = new OdooJsonRpcGateway({ url: proxyUrl, db: 'station', login: 'admin', apiKey: 'sandbox-key', timeoutMs: 2_000 });
  // Fast probes and retries: only the Retry-After can explain a wait of a second.
  const engine = new SyncEngine({
    store,
    deliverers: { odoo: createOdooDeliverer(gateway) },
    probes: { odoo: () => gateway.probe() },
    probeBaseMs: 20,
    probeMaxMs: 50,
    clock: realClock,
    policy: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 3 },
  });
  cleanups.push(() => engine.stop());
  // Logged in (the version read on /jsonrpc, 19's key proved on JSON-2) before the throttle starts.
  await gateway.version();
  const [seeded] = sandbox.createPickings(1);
  const hitsBefore = { ...sandbox.hits };
  await engine.start();

  proxy.active = true;
  const sentAt = Date.now();
  store.enqueue('odoo', `picking:${seeded!.id}`, { type: 'picking.validate', pickingId: seeded!.id });
  engine.kick();
  await waitUntil(() => proxy.faults().http429 === 1, 5_000, 'the 429');
  proxy.active = false;
  await waitUntil(() => engine.status().sync[0]?.throttledUntil != null, 2_000, 'the hold');
  const throttledUntil = engine.status().sync[0]!.throttledUntil!;
  expect(throttledUntil).toBeGreaterThanOrEqual(sentAt + 1_000);
  expect(throttledUntil).toBeLessThanOrEqual(Date.now() + 1_000);
  expect(engine.status().sync[0]).toMatchObject({ depth: 1, unreachableSince: expect.any(Number) });

  // Held: nothing reaches Odoo, not even a probe, although probes and retries are due every 50 ms.
  const forwarded = proxy.requestsForwarded;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, throttledUntil - Date.now() - 100)));
  expect(proxy.requestsForwarded).toBe(forwarded);
  expect(proxy.faults().http429).toBe(1);

  await waitUntil(() => store.pendingCount() === 0, 5_000, 'the backlog to drain');
  expect(Date.now()).toBeGreaterThanOrEqual(throttledUntil);
  expect(sandbox.validations()).toEqual([seeded!.id]);
  expect(engine.status().sync[0]).toMatchObject({ depth: 0, throttledUntil: null, unreachableSince: null, lastError: null });
  expect(engine.status().deadLetters).toEqual([]);
  // The calls that delivered the event went over the API under test (probes are `common.version` on /jsonrpc).
  expect(sandbox.hits[wire]).toBeGreaterThan(hitsBefore[wire]);
}, 20_000);
