/**
 * `sync.odoo.rps` / `sync.carrier.rps`: every request to the remote waits for a token, so a backlog drains at the
 * rate the remote allows instead of learning it from 429s. Real Odoo sandbox over HTTP; the bound checked is a lower
 * bound on elapsed time (the limiter guarantees it), never an upper one.
 */
import { expect, it } from 'vitest';
import { TokenBucket } from '../../../app/retry/token-bucket';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { forThePacker } from '../../../sync/http/request-lane';
import { systemClock } from '../../../main/system-clock';
import { world } from './odoo-world';

it('spaces the requests to Odoo to the configured rate after the burst', async () => {
  const { url } = await world(17);
  const limiter = new TokenBucket({ ratePerSecond: 20, burst: 2, clock: systemClock });
  const gateway = new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key', limiter });
  const started = performance.now();
  await Promise.all(Array.from({ length: 12 }, () => gateway.probe()));
  const elapsed = performance.now() - started;
  // 2 at once, then 10 more at 20/s: at least 500 ms, whatever the machine's speed.
  expect(elapsed).toBeGreaterThanOrEqual(490);
  expect(limiter.waiting).toBe(0);
});

it("the packer's requests go ahead of a waiting backlog: a picking loads while the background still queues", async () => {
  const { sandbox, url } = await world(17);
  const [seeded] = sandbox.createPickings(1);
  const limiter = new TokenBucket({ ratePerSecond: 10, burst: 1, clock: systemClock });
  const gateway = new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: 'sandbox-key', limiter });
  await gateway.version();
  const finished: string[] = [];
  // The outbox's backlog: 20 requests queued at 10/s (about 2 s of waiting).
  const backlog = Array.from({ length: 20 }, () => gateway.probe().then(() => void finished.push('background')));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const picking = await forThePacker(() => gateway.findPicking(seeded!.name));
  finished.push('packer');
  expect(picking?.name).toBe(seeded!.name);
  // Every one of the packer's reads took the next token: the picking was there while most of the backlog waited.
  expect(finished.indexOf('packer')).toBeLessThan(5);
  expect(limiter.waiting).toBeGreaterThan(5);
  await Promise.all(backlog);
});
