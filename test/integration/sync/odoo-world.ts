/** An Odoo sandbox on 127.0.0.1 and a gateway logged into it, closed after each test; shared by the Odoo tests. */
import { afterEach } from 'vitest';
import type { Parcel, Picking } from '../../../app/domain';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import type { SandboxVersion } from '../../../sync/sim/odoo/stock-models.sim';

export { rejection } from '../../support/rejection';

export const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

export async function world(version: SandboxVersion, opts: { apiKey?: string; smsWizard?: boolean } = {}) {
  const sandbox = new OdooSandbox({ version, ...(opts.smsWizard !== undefined ? { smsWizard: opts.smsWizard } : {}) });
  const { url } = await sandbox.listen(0, '127.0.0.1');
  cleanups.push(() => sandbox.close());
  const gateway = new OdooJsonRpcGateway({ url, db: 'station', login: 'admin', apiKey: opts.apiKey ?? 'sandbox-key', timeoutMs: 5_000 });
  return { sandbox, gateway, url };
}

/** The whole picking in one parcel, as a packer who put everything in one box. */
export const wholePicking = (picking: Picking, weightG = 1_250): Parcel => ({
  pickingId: picking.id,
  index: 1,
  items: picking.lines.map((l) => ({ moveId: l.moveId, productId: l.productId, quantity: l.quantity })),
  packageTypeId: null,
  weightG,
});
