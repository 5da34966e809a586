/**
 * Makes any label the carrier returns printable, at its true size, on the printer at hand.
 *
 * - ZPL at the printer's dpi: unchanged.
 * - ZPL at another dpi: rewritten for the printer (see zpl-rescale.ts). `method: 'mu'` instead asks a genuine Zebra
 *   to convert with `^MUd,200,300` — upward only, and it leaves bitmaps, MaxiCode and DataBar at their old size.
 * - PNG (base64): rasterised to a `^GFA` graphic at the printer's dpi (png-to-zpl.ts).
 * - PDF, EPL2: refused. A ZPL printer cannot print them, and the station carries no PDF rasteriser; buy the label
 *   as ZPL (or PNG) instead.
 *
 * Precise limits (what cannot be rescaled): graphics stored in the printer before this job and recalled by
 * ^XG/^IM/^IL; ^GF in binary or compressed (B/C, :Z64:/:B64:) encodings; formats recalled with ^XF; labels that
 * change the command prefix (^CC/^CT). The rewrite refuses those; with ^MU they would print at the old size.
 * Text made of bitmap fonts (A–H) only has the sizes the font's integer magnifications allow, at any dpi.
 */
import type { Dpi, Label } from '../../../app/domain/shipment.schema';
import { StationError } from '../../../app/domain/errors';
import { pngToZplGraphic } from './png-to-zpl';
import { insertMuConversion, rescaleZpl } from './zpl-rescale';

export interface FitOptions {
  /** How ZPL at another dpi is converted; default 'rewrite'. */
  method?: 'rewrite' | 'mu';
  /** Black/white threshold for PNG labels (0–255). */
  threshold?: number;
}

export function fitLabelToPrinter(label: Label, printerDpi: Dpi, options: FitOptions = {}): Label {
  switch (label.format) {
    case 'ZPL': {
      if (label.dpi === printerDpi) return label;
      const data =
        options.method === 'mu' ? insertMuConversion(label.data, label.dpi, printerDpi) : rescaleZpl(label.data, label.dpi, printerDpi);
      return { format: 'ZPL', dpi: printerDpi, data };
    }
    case 'PNG': {
      const png = Buffer.from(label.data, 'base64');
      const opts = { sourceDpi: label.dpi, targetDpi: printerDpi, ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) };
      return { format: 'ZPL', dpi: printerDpi, data: pngToZplGraphic(png, opts) };
    }
    case 'PDF':
    case 'EPL2':
      throw new StationError(
        'REJECTED',
        `a ${label.format} label cannot be printed on a ZPL printer: buy the label as ZPL (or PNG) from the carrier`,
      );
  }
}
