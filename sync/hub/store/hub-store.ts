import { join } from 'node:path';
import type { HubStore } from '../../../app/hub/hub.ports';
import { migrateHub } from './hub-migrations';
import { hubAuditStore } from './hub-audit.store';
import { hubExceptionsStore } from './hub-exceptions.store';
import { hubJobsStore } from './hub-jobs.store';
import { hubLedgerStore } from './hub-ledger.store';
import { hubUsersStore } from './hub-users.store';
import { openPgClient } from './pg-client';
import { odooNoticesStore } from './odoo-notices.store';
import { openPgliteClient } from './pglite-client';
import { shipmentAuditStore } from './shipment-audit.store';
import type { SqlClient } from './sql-client';
import { stationPresenceStore } from './station-presence.store';
import { stationReportsStore } from './station-reports.store';
import { stationTokensStore } from './station-tokens.store';
import { trackedShipmentsStore } from './tracked-shipments.store';

export interface HubStoreOptions {
  /** The hub's data directory: the embedded database lives in `<dataDir>/pg` when no `url` is given. */
  dataDir: string;
  /** A PostgreSQL server (`postgres://…`), shared by every hub of the deployment. */
  url?: string;
  now?: () => number;
}

/** Opens the hub's database (embedded PGlite or a server), brings its schema up to date, and returns the store. */
export async function openHubStore(opts: HubStoreOptions): Promise<HubStore> {
  const db = opts.url ? await openPgClient(opts.url) : await openPgliteClient(join(opts.dataDir, 'pg'));
  try {
    await migrateHub(db, (opts.now ?? Date.now)());
  } catch (error) {
    await db.close();
    throw error;
  }
  return hubStoreOn(db);
}

/** The store over an open client (migrated already). */
export function hubStoreOn(db: SqlClient): HubStore {
  return {
    tokens: stationTokensStore(db),
    presence: stationPresenceStore(db),
    reports: stationReportsStore(db),
    ledger: hubLedgerStore(db),
    users: hubUsersStore(db),
    audit: hubAuditStore(db),
    exceptions: hubExceptionsStore(db),
    tracking: trackedShipmentsStore(db),
    odooNotices: odooNoticesStore(db),
    jobs: hubJobsStore(db),
    shipmentAudit: shipmentAuditStore(db),
    close: () => db.close(),
  };
}
