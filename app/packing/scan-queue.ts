/**
 * No scan is lost: a scan that arrives while the machine runs an effect is held and applied in order once it can
 * take it; a scan it cannot use is refused with the reason on the packer's screen. Context updates only; the chart
 * says where each applies (packing.machine.ts).
 */
import { say, type Say } from '../i18n/language';
import type { PackingContext } from './packing.types';
import { english } from '../i18n/english';
import { MAX_QUEUED_SCANS, printableScan } from './scan-input';

type Patch = Partial<PackingContext>;

export function queueScan(context: PackingContext, code: string): Patch {
  const queued = context.queuedScans ?? [];
  if (queued.length >= MAX_QUEUED_SCANS) {
    return refuseScan(context, code, say('packing.notice.queueFull', { max: MAX_QUEUED_SCANS }));
  }
  return { queuedScans: [...queued, code] };
}

/** States that wait for something else, by top-level name; each has `packing.notice.waiting.<state>` in the catalogue. */
const WAITING_STATES = new Set(['weighing', 'weightRejected', 'recordFailed', 'carrierFailed', 'printerFault', 'printUncertain', 'finishFailed', 'done', 'idle']);

/** Why a scan cannot be used in a state that waits for something else. */
export function scanRefusalFor(state: string): Say {
  const top = state.split('.')[0] ?? '';
  return WAITING_STATES.has(top) ? say(`packing.notice.waiting.${top}`) : say('packing.notice.cannotNow');
}

export const refuseScan = (context: PackingContext, code: string, reason: Say): Patch => {
  const notice = say('packing.notice.notUsed', { code: printableScan(code), reason });
  return { scanNotice: english(notice), scanNoticeSay: notice, refusedScans: (context.refusedScans ?? 0) + 1 };
};

export const clearScanNotice = (): Patch => ({ scanNotice: null, scanNoticeSay: null });

/**
 * A picking that could not be loaded takes the scans queued behind it along: items of an unknown picking mean
 * nothing, and a burst of noise must not become one Odoo lookup per line.
 */
export function discardQueuedScans(context: PackingContext): Patch {
  const queued = context.queuedScans ?? [];
  if (queued.length === 0) return {};
  const notice = say('packing.notice.discarded', { count: queued.length });
  return { queuedScans: [], scanNotice: english(notice), scanNoticeSay: notice };
}
