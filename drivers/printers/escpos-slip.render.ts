/**
 * A packing slip (pure SlipDocument) → ESC/POS bytes, built with node-thermal-printer's Epson command set and taken
 * with getBuffer() without sending anything: the bytes go to the durable print queue, which sends them later.
 */
import { z } from 'zod';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { StationError } from '../../app/domain';
import { SlipDocumentSchema } from '../../app/domain/slip.schema';
import type { SlipDocument } from '../../app/domain/slip.schema';

export interface RenderSlipOptions {
  /** Characters per line: 48 on 80 mm paper, 32 on 58 mm. */
  width?: number;
}

// The typings say `width: 'SMALL' | …`, but the Epson implementation (lib/types/epson.js code128) reads numeric
// `hriPos`, `width` (module width 2–6) and `height` (dots): pass what the implementation reads.
type Code128Settings = Parameters<ThermalPrinter['code128']>[1];
const BARCODE: { hriPos: number; width: number; height: number } = { hriPos: 2, width: 2, height: 80 };

const ESC_INIT = Buffer.from([0x1b, 0x40]);

/** Whole quantities without decimals; fractional ones (kg, m) as the domain gives them. */
const qtyText = (qty: number): string => (Number.isInteger(qty) ? String(qty) : String(Number(qty.toFixed(3))));

export function renderSlip(doc: SlipDocument, opts: RenderSlipOptions = {}): Uint8Array {
  const parsed = SlipDocumentSchema.safeParse(doc);
  if (!parsed.success) throw new StationError('REJECTED', `Not a printable packing slip: ${z.prettifyError(parsed.error)}`);
  const slip = parsed.data;
  const p = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    // Never executed: this instance only builds bytes. The library wants an interface string to construct.
    interface: 'tcp://127.0.0.1:9100',
    width: opts.width ?? 48,
    // Windows-1252 covers the accented Latin names of European addresses; the library switches code page by itself
    // (ESC t) for a character it cannot find there.
    characterSet: CharacterSet.WPC1252,
  });
  p.clear();
  // ESC @ first: whatever a previous job left (bold, double size, code page) must not leak into this slip.
  p.setBuffer(Buffer.concat([ESC_INIT, p.getBuffer() ?? Buffer.alloc(0)]));

  p.alignCenter();
  p.setTextDoubleHeight();
  p.bold(true);
  p.println(slip.title);
  p.bold(false);
  p.setTextNormal();
  p.println(`Order: ${slip.orderRef}`);
  p.println(`Picking: ${slip.pickingName}`);
  p.alignLeft();
  p.drawLine();

  if (slip.customer.length > 0) {
    p.bold(true);
    p.println('Ship to:');
    p.bold(false);
    for (const line of slip.customer) p.println(line);
    p.drawLine();
  }

  for (const line of slip.lines) {
    p.println(`${qtyText(line.qty)} x ${line.code ? `${line.code} ` : ''}${line.name}`);
  }
  p.drawLine();

  p.alignCenter();
  // Code 128 set B marks a literal "{" as "{{" (the first "{" selects a code set).
  p.code128(slip.barcode.replace(/\{/g, '{{'), BARCODE as unknown as Code128Settings);
  p.newLine();
  if (slip.footer) for (const line of slip.footer.split('\n')) p.println(line);
  p.alignLeft();
  p.cut();
  return new Uint8Array(p.getBuffer());
}
