/**
 * `sync.odoo.rps` / `sync.carrier.rps`: every request to the remote waits for a token, so a backlog drains at the
 * rate the remote allows instead of learning it from 429s. Real Odoo sandbox over HTTP; the bound checked is a lower
 * bound on elapsed time (the limiter guarantees it), never an upper one.
 */
import { expect, it } from 'vitest';
import { TokenBucket } from '../../../app/retry/token-bucket';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
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
