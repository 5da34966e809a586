import { StationError } from '../../app/domain/errors';
import type { OdooReconReader, OdooTrackingNotifier, PlatformReconReader, TrackingPoller } from '../../app/recon/recon.ports';
import { createEasyPostReconReader } from '../../sync/recon/easypost-recon.reader';
import { hubOdoo } from '../../sync/recon/hub-odoo.client';
import { odooReconReader } from '../../sync/recon/odoo-recon.reader';
import { odooTrackingNotifier } from '../../sync/recon/odoo-tracking.notifier';
import { createEasyPostPoller, createShippoPoller } from '../../sync/recon/platform-pollers';
import { createShippoReconReader } from '../../sync/recon/shippo-recon.reader';
import { requireSecureUrl } from '../../sync/http/url-policy';
import { HUB_SECRET_ENV, type ResolvedHubConfig } from './hub-config';

/** What the hub reads and tells, built from hub.json: absent systems are simply not there. */
export interface ReconSystems {
  odoo: { reader: OdooReconReader; notifier: OdooTrackingNotifier } | null;
  platforms: PlatformReconReader[];
  pollers: TrackingPoller[];
}

const needed = (value: string | undefined, what: string, env: string): string => {
  if (!value) throw new StationError('CONFIG', `hub.json ${what} is missing: set it there or in ${env}`);
  return value;
};

/** Odoo and the carrier platforms the hub's jobs read (TLS required off loopback, as everywhere). */
export function reconSystems(config: ResolvedHubConfig): ReconSystems {
  const systems: ReconSystems = { odoo: null, platforms: [], pollers: [] };
  if (config.odoo) {
    requireSecureUrl(config.odoo.url, 'hub odoo.url');
    const odoo = hubOdoo({ ...config.odoo, apiKey: needed(config.odoo.apiKey, 'odoo.apiKey', HUB_SECRET_ENV.odoo.apiKey) });
    systems.odoo = { reader: odooReconReader(odoo), notifier: odooTrackingNotifier(odoo) };
  }
  const { easypost, shippo } = config.carriers;
  if (easypost) {
    requireSecureUrl(easypost.baseUrl, 'hub carriers.easypost.baseUrl');
    const opts = { baseUrl: easypost.baseUrl, apiKey: needed(easypost.apiKey, 'carriers.easypost.apiKey', HUB_SECRET_ENV.easypost.apiKey), timeoutMs: easypost.timeoutMs };
    systems.platforms.push(createEasyPostReconReader(opts));
    systems.pollers.push(createEasyPostPoller(opts));
  }
  if (shippo) {
    requireSecureUrl(shippo.baseUrl, 'hub carriers.shippo.baseUrl');
    const opts = { baseUrl: shippo.baseUrl, apiKey: needed(shippo.apiKey, 'carriers.shippo.apiKey', HUB_SECRET_ENV.shippo.apiKey), timeoutMs: shippo.timeoutMs };
    systems.platforms.push(createShippoReconReader(opts));
    systems.pollers.push(createShippoPoller(opts));
  }
  return systems;
}
