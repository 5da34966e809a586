/**
 * The `/v2` routes of the carrier sandbox, each answered by the desk that keeps that part of the platform's state.
 */
import type { AddressBook } from './carrier-address.sim';
import type { RefundDesk } from './carrier-refund.sim';
import type { EasyPostReports } from './carrier-reports.sim';
import type { ScanFormDesk } from './carrier-scan-form.sim';
import type { SandboxStore } from './carrier-store.sim';
import type { TrackerStore } from './carrier-tracker.sim';
import { notFound, type SandboxReply } from './carrier-wire.sim';

export interface SandboxDesks {
  shipments: SandboxStore;
  addresses: AddressBook;
  trackers: TrackerStore;
  refunds: RefundDesk;
  forms: ScanFormDesk;
  reports: EasyPostReports;
}

const NO_ROUTE: SandboxReply = notFound('Route');

/** `origin` is where the sandbox serves its files (labels, forms), like EasyPost's S3 links. */
export function route(d: SandboxDesks, method: string, url: URL, body: unknown, origin: string): SandboxReply {
  const parts = url.pathname.replace(/^\/v2/, '').split('/').filter(Boolean);
  const [collection, id, action] = parts;
  const post = method === 'POST';
  const get = method === 'GET';
  switch (collection) {
    case 'shipments':
      if (post && parts.length === 1) return d.shipments.createShipment(body);
      if (!id) return NO_ROUTE;
      if (get && parts.length === 2) return d.shipments.getShipment(id);
      if (post && action === 'buy') return d.shipments.buy(id, body, origin);
      if (get && action === 'label') return d.shipments.convertLabel(id, url.searchParams.get('file_format'), origin);
      if (post && action === 'refund') return d.refunds.refund(id);
      return NO_ROUTE;
    case 'addresses':
      if (post && parts.length === 1) return d.addresses.create(body, { verify: url.searchParams.has('verify[]'), strict: url.searchParams.has('verify_strict[]') });
      if (post && id === 'create_and_verify') return d.addresses.createAndVerify(body);
      if (get && id && action === 'verify') return d.addresses.verify(id);
      return NO_ROUTE;
    case 'trackers':
      if (post && parts.length === 1) return d.trackers.create(body);
      if (get && id && parts.length === 2) return d.trackers.get(id);
      return NO_ROUTE;
    case 'scan_forms':
      if (post && parts.length === 1) return d.forms.create(body, origin);
      if (get && id && parts.length === 2) return d.forms.get(id);
      return NO_ROUTE;
    case 'reports':
      if (post && id && parts.length === 2) return d.reports.create(id, body);
      if (get && id && parts.length === 2) return d.reports.get(id, origin);
      return NO_ROUTE;
    default:
      return NO_ROUTE;
  }
}
