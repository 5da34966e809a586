/**
 * What the packer reads, per state. Each message is an instruction (what to do now), and an error says how to get
 * out of it, because the packer has a box in one hand and a scanner in the other and no time for a manual. Messages
 * are catalogue keys (app/i18n/messages/packing*.ts) so the screen shows them in the packer's language; `message`
 * is their English, for logs, the station's status and tests.
 */
import type { PackingView } from '../domain';
import { DeviceStateSchema } from '../domain/device.schema';
import { say, type Say } from '../i18n/language';
import { countOf, packageTypeOf } from './current-parcel';
import { labelJobPhase, printerWaitSay } from './label-job';
import type { DeviceStatus, PackingContext } from './packing.types';
import { english, verbatim } from '../i18n/english';
import { scanProblemSay, type ScanKind } from './scan-classification';
import { setAsideSay } from './set-aside';

type Tone = PackingView['tone'];
export interface ViewMessage {
  /** In English (logs, status, tests). */
  message: string;
  say: Say;
  tone: Tone;
}
interface Said {
  say: Say;
  tone: Tone;
}

const isDeviceState = (state: string): boolean => DeviceStateSchema.safeParse(state).success;
const deviceState = (state: string): Say => (isDeviceState(state) ? say(`packing.device.${state}`) : verbatim(state));

/** Why the last effect failed: the core's own words when it worded the error, else the error as it came. */
function errorOf(context: PackingContext): Say | null {
  if (context.error === null) return null;
  const worded = context.errorSay;
  return worded && english(worded) === context.error ? worded : verbatim(context.error);
}

function deviceTrouble(status: DeviceStatus | undefined): Say | null {
  if (!status || status.state === 'connected') return null;
  const state = deviceState(status.state);
  return status.detail ? say('packing.device.withDetail', { state, detail: status.detail }) : state;
}

function scanningSay(context: PackingContext): Say {
  const { picking } = context;
  if (!picking) return say('packing.scanning.start');
  const expected = picking.lines.reduce((sum, line) => sum + line.quantity, 0);
  const scanned = picking.lines.reduce((sum, line) => sum + countOf(context.scanned, line.moveId), 0);
  const box = context.packageTypeId === null ? null : packageTypeOf(picking, context.packageTypeId);
  const parcel = context.parcelIndex > 1 ? 'packing.scanning.parcel' : 'packing.scanning';
  return say(box ? `${parcel}.box` : parcel, { parcel: context.parcelIndex, scanned, expected, ...(box ? { box: box.name } : {}) });
}

/** A refused GS1 scan is explained by what it is (package label, GTIN, serial, count); see scan-classification.ts. */
function gs1ScanSaid(kind: ScanKind, context: PackingContext): Said | null {
  const problem = scanProblemSay(kind, context.picking, context.scanned, context.lastScan);
  return problem === null ? null : { say: problem, tone: 'error' };
}

function overQuantitySay(context: PackingContext): Say {
  const line = context.picking?.lines.find((l) => l.barcode === context.lastScan || l.defaultCode === context.lastScan);
  if (line) return say('packing.overQuantity', { product: line.productName, quantity: line.quantity });
  return context.lastScan === null ? say('packing.overQuantity.unknown') : say('packing.overQuantity.code', { code: context.lastScan });
}

/**
 * Why no weight can be taken now, when the scale is the reason. Worded for the bench: what is wrong, what to
 * do, and that the station carries on by itself once the scale talks again.
 */
function scalePause(status: DeviceStatus | undefined): Said | null {
  if (!status || status.state === 'connected') return null;
  switch (status.state) {
    case 'silent':
    case 'disconnected':
    case 'connecting':
      return { say: say(`packing.scale.${status.state}`), tone: 'warning' };
    default:
      return { say: say('packing.scale.trouble', { trouble: deviceTrouble(status) ?? verbatim(status.state) }), tone: 'warning' };
  }
}

/** Scans typed or sent from the UI still work, so the packer is told how to carry on, not to stop. */
function scannerNote(context: PackingContext): Say | null {
  const scanner = context.devices.scanner;
  if (!scanner || scanner.state === 'connected') return null;
  return scanner.state === 'connecting' ? say('packing.scannerNote.connecting') : say('packing.scannerNote.down', { state: deviceState(scanner.state) });
}

function packingScanningSaid(context: PackingContext): Said {
  const note = scannerNote(context);
  const message = scanningSay(context);
  return note ? { say: say('packing.scanning.withNote', { message, note }), tone: 'warning' } : { say: message, tone: 'info' };
}

function weightRejectedSay(context: PackingContext): Say {
  const check = context.weightCheck;
  if (!check || check.minG === null || check.maxG === null) return say('packing.weightRejected');
  return say('packing.weightRejected.outside', { weightG: check.grams, minG: check.minG, maxG: check.maxG });
}

function printerFaultSaid(context: PackingContext): Said {
  const job = context.printJob;
  if (job && labelJobPhase(job) === 'printerWaits') return { say: printerWaitSay(job), tone: 'error' };
  const detail = job && job.detail !== null ? verbatim(job.detail) : null;
  const why = errorOf(context) ?? detail ?? say(job ? 'packing.printerFault.notPrinted' : 'packing.printerFault.notReady');
  return { say: say('packing.printerFault', { why }), tone: 'error' };
}

/** The spooler's progress words ("Checking whether the label printed") tell the packer why it takes a moment. */
function printingSay(context: PackingContext): Say {
  const detail = context.printJob?.detail;
  const parcel = context.parcelIndex;
  return detail && !detail.startsWith('Printing') ? say('packing.printing.detail', { parcel, detail }) : say('packing.printing', { parcel });
}

/** A reprint held by a fault is the only thing still going on at this station: say what to fix. */
function reprintWaiting(context: PackingContext): Said | null {
  const job = context.printJob;
  if (!job || job.reprintOf === null || labelJobPhase(job) !== 'printerWaits') return null;
  return { say: say('packing.reprintWaiting', { instruction: printerWaitSay(job) }), tone: 'warning' };
}

function doneSaid(context: PackingContext): Said {
  const waiting = reprintWaiting(context);
  if (waiting) return waiting;
  const error = errorOf(context);
  if (error) return { say: say('packing.done.error', { error }), tone: 'warning' };
  const picking = context.picking?.name ?? say('packing.done.somePicking');
  return { say: say('packing.done', { picking, count: context.parcelIndex }), tone: 'success' };
}

function idleSaid(context: PackingContext): Said {
  const waiting = reprintWaiting(context);
  if (waiting) return { ...waiting, say: say('packing.idle.reprintWaiting', { waiting: waiting.say }) };
  const trouble = deviceTrouble(context.devices.scanner);
  return trouble ? { say: say('packing.idle.scannerTrouble', { trouble }), tone: 'warning' } : { say: say('packing.idle'), tone: 'info' };
}

/** The instruction per state, as a catalogue key. */
function said(state: string, context: PackingContext): Said {
  const picking = context.picking?.name ?? '';
  const parcel = context.parcelIndex;
  const code = context.lastScan ?? '';
  switch (state) {
    case 'idle':
      return idleSaid(context);
    case 'loadingPicking':
      return { say: context.lastScan === null ? say('packing.loading.picking') : say('packing.loading', { code }), tone: 'progress' };
    case 'loadFailed':
      return { say: say('packing.loadFailed', { error: errorOf(context) ?? say('packing.loadFailed.notFound') }), tone: 'error' };
    case 'packing.scanning':
      return packingScanningSaid(context);
    case 'packing.unknownBarcode':
      return gs1ScanSaid('unknownBarcode', context) ?? { say: say('packing.unknownBarcode', { code, picking }), tone: 'error' };
    case 'packing.wrongProduct':
      return gs1ScanSaid('wrongProduct', context) ?? { say: say('packing.wrongProduct', { code, picking }), tone: 'error' };
    case 'packing.overQuantity':
      return gs1ScanSaid('overQuantity', context) ?? { say: overQuantitySay(context), tone: 'error' };
    case 'packing.duplicateSerial':
      return gs1ScanSaid('duplicateSerial', context) ?? { say: say('packing.duplicateSerial', { picking }), tone: 'error' };
    case 'weighing':
      return scalePause(context.devices.scale) ?? { say: say('packing.weighing'), tone: 'info' };
    case 'weightRejected':
      return scalePause(context.devices.scale) ?? { say: weightRejectedSay(context), tone: 'error' };
    case 'recordingParcel':
      return { say: say('packing.recording', { parcel }), tone: 'progress' };
    case 'recordFailed':
      return { say: say('packing.recordFailed', { parcel, error: errorOf(context) ?? say('packing.error.storage') }), tone: 'error' };
    case 'buyingLabel':
      return { say: say('packing.buying', { parcel }), tone: 'progress' };
    case 'carrierFailed':
      return { say: say('packing.carrierFailed', { error: errorOf(context) ?? say('packing.error.noLabel') }), tone: 'error' };
    case 'setAside':
      return { say: context.setAside ? setAsideSay(context.setAside) : say('packing.setAside.plain', { parcel, picking }), tone: 'warning' };
    case 'printing.submitting':
    case 'printing.waiting':
    case 'printing.retrying':
      return { say: printingSay(context), tone: 'progress' };
    case 'printerFault':
      return printerFaultSaid(context);
    case 'printUncertain':
      return { say: say('packing.printUncertain', { parcel }), tone: 'warning' };
    case 'finishing':
      return { say: say('packing.finishing', { picking }), tone: 'progress' };
    case 'finishFailed':
      return { say: say('packing.finishFailed', { picking, error: errorOf(context) ?? say('packing.error.storage') }), tone: 'error' };
    case 'done':
      return doneSaid(context);
    case 'reprinting':
      return {
        say: context.lastLabel ? say('packing.reprinting', { tracking: context.lastLabel.trackingCode }) : say('packing.reprinting.label'),
        tone: 'progress',
      };
    default:
      return { say: verbatim(state), tone: 'info' };
  }
}

/** `state` is the dotted state path, e.g. `packing.wrongProduct`. */
export function messageFor(state: string, context: PackingContext): ViewMessage {
  const { say: message, tone } = said(state, context);
  return { message: english(message), say: message, tone };
}

/** Why the last scan was not used, as the view carries it: English text and catalogue key, or neither. */
export function noticeOf(context: PackingContext): { notice: string | null; noticeSay: Say | null } {
  const notice = context.scanNotice ?? null;
  if (notice === null) return { notice: null, noticeSay: null };
  const worded = context.scanNoticeSay;
  return { notice, noticeSay: worded && english(worded) === notice ? worded : verbatim(notice) };
}
