/**
 * The tracking poller of each platform: the polling fallback for labels no webhook has spoken of, through the
 * platforms' own `track` (EasyPost `POST /trackers`, which answers the existing tracker of a code; Shippo `GET
 * /tracks/<carrier>/<number>`) and their mapping to the canonical report. `raw` is that canonical report: the
 * platforms hand back no wire body, and the report holds every event with the platform's own words.
 */
import type { CarrierPlatform } from '../../app/ports';
import type { TrackingPoller } from '../../app/recon/recon.ports';
import { createEasyPostPlatform, type EasyPostPlatformOptions } from '../carrier/easypost.platform';
import { createShippoPlatform, type ShippoPlatformOptions } from '../carrier/shippo.platform';

export function trackingPollerOf(platform: CarrierPlatform): TrackingPoller {
  return {
    platform: platform.kind,
    async track(carrier, trackingCode) {
      const report = await platform.track(carrier, trackingCode);
      return { report, raw: report };
    },
  };
}

export const createEasyPostPoller = (opts: EasyPostPlatformOptions): TrackingPoller => trackingPollerOf(createEasyPostPlatform(opts));

export const createShippoPoller = (opts: ShippoPlatformOptions): TrackingPoller => trackingPollerOf(createShippoPlatform(opts));
