/**
 * What the packer reads, per state. Each message is an instruction (what to do now), and an error says how to get
 * out of it, because the packer has a box in one hand and a scanner in the other and no time for a manual.
 */
import type { PackingView } from '../domain';
import { countOf, packageTypeOf } from './current-parcel';
import type { DeviceStatus, PackingContext } from './packing.types';

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

function overQuantityMessage(context: PackingContext): string {
  const line = context.picking?.lines.find((l) => l.barcode === context.lastScan || l.defaultCode === context.lastScan);
  if (!line) return `Too many of ${context.lastScan ?? 'this item'}: put the extra one aside`;
  return `Too many ${line.productName}: all ${line.quantity} already scanned — put the extra one aside`;
}

function weighingMessage(context: PackingContext): ViewMessage {
  const trouble = deviceTrouble(context.devices.scale);
  if (trouble) return { message: `Scale ${trouble}: check the scale, then put the box on it`, tone: 'warning' };
  return { message: 'Put the box on the scale', tone: 'info' };
}

function weightRejectedMessage(context: PackingContext): string {
  const check = context.weightCheck;
  if (!check || check.minG === null || check.maxG === null) return 'Weight not accepted: put the box on the scale again';
  return `Weight ${g(check.grams)} is outside ${Math.round(check.minG)}–${g(check.maxG)}: check the box contents`;
}

function doneMessage(context: PackingContext): ViewMessage {
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
      return { message: scanningMessage(context), tone: 'info' };
    case 'packing.unknownBarcode':
      return { message: `Unknown barcode ${context.lastScan ?? ''}: scan an item of ${name}`, tone: 'error' };
    case 'packing.wrongProduct':
      return { message: `Wrong product ${context.lastScan ?? ''}: it is not in ${name} — put it aside`, tone: 'error' };
    case 'packing.overQuantity':
      return { message: overQuantityMessage(context), tone: 'error' };
    case 'weighing':
      return weighingMessage(context);
    case 'weightRejected':
      return { message: weightRejectedMessage(context), tone: 'error' };
    case 'recordingParcel':
      return { message: `Saving ${parcel}…`, tone: 'progress' };
    case 'recordFailed':
      return { message: `Could not save ${parcel}: ${says(context.error, 'storage error')} — press Retry`, tone: 'error' };
    case 'buyingLabel':
      return { message: `Buying the label for ${parcel}…`, tone: 'progress' };
    case 'carrierFailed':
      return { message: `Carrier failed: ${says(context.error, 'no label')} — press Retry or Cancel`, tone: 'error' };
    case 'printing':
      return { message: `Printing the label for ${parcel}…`, tone: 'progress' };
    case 'printerFault':
      return { message: `Printer fault: ${says(context.error, 'not ready')} — fix and press Retry`, tone: 'error' };
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
