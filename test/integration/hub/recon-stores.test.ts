import { afterAll, beforeAll, describe } from 'vitest';
import { exceptionStoreContract } from './exception-store-suite';
import { jobAuditStoreContract } from './job-audit-store-suite';
import { pgliteWorld, postgresWorld, type ReconWorld } from './recon-world';
import { trackingStoreContract } from './tracking-store-suite';

/** The reconciliation stores of the hub (exceptions, tracking, Odoo notices, jobs, audit) on both engines. */
for (const [engine, open] of [
  ['PGlite', pgliteWorld],
  ['a PostgreSQL server', postgresWorld],
] as const) {
  describe(`reconciliation stores on ${engine}`, () => {
    let world: ReconWorld | undefined;
    beforeAll(async () => {
      world = await open();
    }, 60_000);
    afterAll(async () => world?.close());
    const current = () => {
      if (world === undefined) throw new Error(`${engine} did not open`);
      return world;
    };
    exceptionStoreContract(current);
    trackingStoreContract(current);
    jobAuditStoreContract(current);
  });
}
