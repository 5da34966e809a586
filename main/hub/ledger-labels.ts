import type { HubLedgerEntry } from '../../app/hub/ledger-event.schema';
import type { TrackingStore } from '../../app/recon/recon.ports';
import type { Log } from '../log';

/** EasyPost's shipment ids start with `shp_`; Shippo's transactions are bare hex object ids. */
const platformOf = (shipmentId: string): 'easypost' | 'shippo' => (shipmentId.startsWith('shp_') ? 'easypost' : 'shippo');

/**
 * A label a station bought is a shipment the hub tracks from then on: its picking and station are what Odoo's
 * notices and the exception queues need when a webhook names only the tracking code. Registering is an upsert, so a
 * batch uploaded again changes nothing.
 */
export function registerBoughtLabels(tracking: Pick<TrackingStore, 'register'>, log: Log): (stationId: string, entries: readonly HubLedgerEntry[]) => Promise<void> {
  return async (stationId, entries) => {
    for (const { at, fact } of entries) {
      if (fact.type !== 'label.bought') continue;
      await tracking
        .register({
          trackingCode: fact.trackingCode,
          carrier: fact.carrier,
          platform: platformOf(fact.shipmentId),
          shipmentId: fact.shipmentId,
          stationId,
          pickingId: fact.pickingId,
          pickingName: fact.pickingName,
          labelAt: Math.round(at),
        })
        .catch((err: unknown) => log.warn({ err, stationId, trackingCode: fact.trackingCode }, 'label not registered for tracking'));
    }
  };
}
