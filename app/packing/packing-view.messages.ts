/**
 * What the packer reads, per state. Each message is an instruction (what to do now), and an error says how to get
 * out of it, because the packer has a box in one hand and a scanner in the other and no time for a manual.
 */
import type { PackingView } from '../domain';
import { countOf, packageTypeOf } from './current-parcel';
import { labelJobPhase, printerWaitInstruction } from './label-job';
import type { DeviceStatus, PackingContext } from './packing.types';
import { scanProblemMessage, type ScanKind } from './scan-classification';
import { setAsideMessage } from './set-aside';

type Tone = PackingView['tone'];
export interface ViewMessage {
  message: string;
  tone: Tone;
}

const g = (grams: number): string => `${Math.round(grams)} g`;
const says = (error: string | null, fallback: string): string => error ?? fallback;

function deviceTrouble(status: DeviceStatus | undefined): string | null {
  if (!status || status.state === 'connected') return null;
  return status.detail ? `${status.state} (${status.detail})` : status.state;
}

function scanningMessage(context: PackingContext): string {
  const { picking } = context;
  if (!picking) return 'Scan the items';
  const expected = picking.lines.reduce((sum, line) => sum + line.quantity, 0);
  const scanned = picking.lines.reduce((sum, line) => sum + countOf(context.scanned, line.moveId), 0);
  const box = context.packageTypeId === null ? null : packageTypeOf(picking, context.packageTypeId);
  const head = context.parcelIndex > 1 ? `Parcel ${context.parcelIndex}: scan the items` : 'Scan the items';
  return `${head} (${scanned} of ${expected} scanned${box ? `, box ${box.name}` : ''})`;
}

/** A refused GS1 scan is explained by what it is (package label, GTIN, serial, count); see scan-classification.ts. */
function gs1ScanMessage(kind: ScanKind, context: PackingContext): ViewMessage | null {
  const message = scanProblemMessage(kind, context.picking, context.scanned, context.lastScan);
  return message === null ? null : { message, tone: 'error' };
}

function overQuantityMessage(context: PackingContext): string {
  const line = context.picking?.lines.find((l) => l.barcode === context.lastScan || l.defaultCode === context.lastScan);
  if (!line) return `Too many of ${context.lastScan ?? 'this item'}: put the extra one aside`;
  return `Too many ${line.productName}: all ${line.quantity} already scanned — put the extra one aside`;
}

/**
 * Why no weight can be taken now, when the scale is the reason. Worded for the bench: what is wrong, what to
 * do, and that the station carries on by itself once the scale talks again.
 */
function scalePause(status: DeviceStatus | undefined): ViewMessage | null {
  if (!status || status.state === 'connected') return null;
  switch (status.state) {
    case 'silent':
      return { message: 'Scale not answering — check the cable; waiting…', tone: 'warning' };
    case 'disconnected':
      return { message: 'Scale disconnected — reconnecting…', tone: 'warning' };
    case 'connecting':
      return { message: 'Scale connecting — waiting…', tone: 'warning' };
    default:
      return { message: `Scale ${deviceTrouble(status) ?? status.state} — check the scale; waiting…`, tone: 'warning' };
  }
}

function weighingMessage(context: PackingContext): ViewMessage {
  return scalePause(context.devices.scale) ?? { message: 'Put the box on the scale', tone: 'info' };
}

/** Scans typed or sent from the UI still work, so the packer is told how to carry on, not to stop. */
function scannerNote(context: PackingContext): string | null {
  const scanner = context.devices.scanner;
  if (!scanner || scanner.state === 'connected') return null;
  const what = scanner.state === 'connecting' ? 'Scanner connecting…' : `Scanner ${scanner.state} — reconnecting…`;
  return `${what}: type the codes in the scan field`;
}

function packingScanningMessage(context: PackingContext): ViewMessage {
  const note = scannerNote(context);
  const message = scanningMessage(context);
  return note ? { message: `${message}. ${note}`, tone: 'warning' } : { message, tone: 'info' };
}

function weightRejectedMessage(context: PackingContext): string {
  const check = context.weightCheck;
  if (!check || check.minG === null || check.maxG === null) return 'Weight not accepted: put the box on the scale again';
  return `Weight ${g(check.grams)} is outside ${Math.round(check.minG)}–${g(check.maxG)}: check the box contents`;
}

function printerFaultMessage(context: PackingContext): ViewMessage {
  const job = context.printJob;
  if (job && labelJobPhase(job) === 'printerWaits') return { message: printerWaitInstruction(job), tone: 'error' };
  const why = context.error ?? job?.detail ?? (job ? 'the label did not print' : 'not ready');
  return { message: `Printer fault: ${why} — fix and press Retry`, tone: 'error' };
}

/** The spooler's progress words ("Checking whether the label printed") tell the packer why it takes a moment. */
function printingMessage(context: PackingContext, parcel: string): string {
  const detail = context.printJob?.detail;
  return detail && !detail.startsWith('Printing') ? `Printing the label for ${parcel}… ${detail}` : `Printing the label for ${parcel}…`;
}

/** A reprint held by a fault is the only thing still going on at this station: say what to fix. */
function reprintWaiting(context: PackingContext): ViewMessage | null {
  const job = context.printJob;
  if (!job || job.reprintOf === null || labelJobPhase(job) !== 'printerWaits') return null;
  return { message: `Reprint waiting: ${printerWaitInstruction(job)}`, tone: 'warning' };
}

function doneMessage(context: PackingContext): ViewMessage {
  const waiting = reprintWaiting(context);
  if (waiting) return waiting;
  if (context.error) return { message: `${context.error} — press Reprint to try again`, tone: 'warning' };
  const name = context.picking?.name ?? 'Picking';
  const parcels = context.parcelIndex === 1 ? '1 parcel' : `${context.parcelIndex} parcels`;
  return { message: `${name} packed in ${parcels} — scan the next picking`, tone: 'success' };
}

/** `state` is the dotted state path, e.g. `packing.wrongProduct`. */
export function messageFor(state: string, context: PackingContext): ViewMessage {
  const name = context.picking?.name ?? '';
  const parcel = `parcel ${context.parcelIndex}`;
  switch (state) {
    case 'idle': {
      const waiting = reprintWaiting(context);
      if (waiting) return { ...waiting, message: `Scan a picking. ${waiting.message}` };
      const trouble = deviceTrouble(context.devices.scanner);
      return trouble
        ? { message: `Scan a picking (scanner ${trouble}: type the picking name instead)`, tone: 'warning' }
        : { message: 'Scan a picking', tone: 'info' };
    }
    case 'loadingPicking':
      return { message: `Loading ${context.lastScan ?? 'the picking'}…`, tone: 'progress' };
    case 'loadFailed':
      return { message: `${says(context.error, 'Picking not found')} — scan another picking or press Retry`, tone: 'error' };
    case 'packing.scanning':
      return packingScanningMessage(context);
    case 'packing.unknownBarcode':
      return gs1ScanMessage('unknownBarcode', context) ?? {
        message: `Unknown barcode ${context.lastScan ?? ''}: scan an item of ${name}`,
        tone: 'error',
      };
    case 'packing.wrongProduct':
      return gs1ScanMessage('wrongProduct', context) ?? {
        message: `Wrong product ${context.lastScan ?? ''}: it is not in ${name} — put it aside`,
        tone: 'error',
      };
    case 'packing.overQuantity':
      return gs1ScanMessage('overQuantity', context) ?? { message: overQuantityMessage(context), tone: 'error' };
    case 'packing.duplicateSerial':
      return gs1ScanMessage('duplicateSerial', context) ?? { message: `Serial already scanned in ${name}: scan another unit`, tone: 'error' };
    case 'weighing':
      return weighingMessage(context);
    case 'weightRejected':
      return scalePause(context.devices.scale) ?? { message: weightRejectedMessage(context), tone: 'error' };
    case 'recordingParcel':
      return { message: `Saving ${parcel}…`, tone: 'progress' };
    case 'recordFailed':
      return { message: `Could not save ${parcel}: ${says(context.error, 'storage error')} — press Retry`, tone: 'error' };
    case 'buyingLabel':
      return { message: `Buying the label for ${parcel}…`, tone: 'progress' };
    case 'carrierFailed':
      return { message: `Carrier failed: ${says(context.error, 'no label')} — press Retry or Cancel`, tone: 'error' };
    case 'setAside':
      return context.setAside
        ? { message: setAsideMessage(context.setAside), tone: 'warning' }
        : { message: `Set ${parcel} of ${name} aside — scan the next picking`, tone: 'warning' };
    case 'printing.submitting':
    case 'printing.waiting':
    case 'printing.retrying':
      return { message: printingMessage(context, parcel), tone: 'progress' };
    case 'printerFault':
      return printerFaultMessage(context);
    case 'printUncertain':
      return { message: `Did the label for ${parcel} print? Look at the printer, then answer Yes or No`, tone: 'warning' };
    case 'finishing':
      return { message: `Finishing ${name}…`, tone: 'progress' };
    case 'finishFailed':
      return { message: `Could not finish ${name}: ${says(context.error, 'storage error')} — press Retry`, tone: 'error' };
    case 'done':
      return doneMessage(context);
    case 'reprinting':
      return { message: `Reprinting ${context.lastLabel?.trackingCode ?? 'the label'}…`, tone: 'progress' };
    default:
      return { message: state, tone: 'info' };
  }
}
