/**
 * The inverse of `parseHostStatus`: renders the three `~HS` strings a Zebra sends. The simulator answers with it;
 * tests use it to round-trip the parser.
 */
import { ETX, STX } from '../printers/zebra-host-status';
import type { HostStatus, PrintMode } from '../printers/zebra-host-status';

const PRINT_MODE_CODES: Readonly<Record<PrintMode, number>> = {
  Rewind: 0,
  'Peel-Off': 1,
  'Tear-Off': 2,
  Cutter: 3,
  Applicator: 4,
  'Delayed cut': 5,
  Other: 9,
};

const pad = (value: number, width: number): string => String(Math.max(0, Math.trunc(value))).padStart(width, '0');
const bit = (value: boolean): string => (value ? '1' : '0');
const frame = (fields: string[]): string => `${STX}${fields.join(',')}${ETX}\r\n`;

export function encodeHostStatus(hs: HostStatus): string {
  const a = hs.string1;
  const b = hs.string2;
  return (
    frame([
      pad(a.commSettings, 3),
      bit(a.paperOut),
      bit(a.paused),
      pad(a.labelLengthDots, 4),
      // eee is three digits on the wire; a real printer cannot report more either.
      pad(Math.min(a.formatsInReceiveBuffer, 999), 3),
      bit(a.bufferFull),
      bit(a.commDiagMode),
      bit(a.partialFormat),
      '000',
      bit(a.corruptRam),
      bit(a.underTemperature),
      bit(a.overTemperature),
    ]) +
    frame([
      pad(b.functionSettings, 3),
      '0',
      bit(b.headUp),
      bit(b.ribbonOut),
      bit(b.thermalTransfer),
      String(PRINT_MODE_CODES[b.printMode]),
      String(b.printWidthMode),
      bit(b.labelWaiting),
      pad(b.labelsRemainingInBatch, 8),
      bit(b.formatWhilePrinting),
      pad(b.graphicsStored, 3),
    ]) +
    frame([hs.string3.password, bit(hs.string3.staticRamInstalled)])
  );
}
