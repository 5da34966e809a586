import { exceptionStoreContract } from './exception-store-suite';
import { jobAuditStoreContract } from './job-audit-store-suite';
import { describeOnEngines } from './recon-world';
import { trackingStoreContract } from './tracking-store-suite';

/** The reconciliation stores of the hub (exceptions, tracking, Odoo notices, jobs, audit) on both engines. */
describeOnEngines('reconciliation stores', (world) => {
  exceptionStoreContract(world);
  trackingStoreContract(world);
  jobAuditStoreContract(world);
});
