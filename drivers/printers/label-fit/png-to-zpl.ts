/**
 * Rasterised labels: a PNG (what some carriers return, or a label we could not rescale as ZPL) becomes a ZPL
 * `^GFA` graphic at the printer's own resolution, so it prints at its true physical size.
 */
import { PNG } from 'pngjs';
import type { Dpi } from '../../../app/domain/shipment.schema';
import { StationError } from '../../../app/domain/errors';
import { DOTS_PER_MM } from '../../../app/labels/zpl-field';
import { graphicFields, resampleGrey, threshold } from './zpl-bitmap';

export interface PngToZplOptions {
  /** The printer's resolution. */
  targetDpi: Dpi;
  /** The resolution the PNG was made for (carriers: 203 for 4x6 labels unless they say otherwise). */
  sourceDpi: number;
  /** Forces the output width in dots (the height keeps the aspect ratio), e.g. to fill the printer's ^PW. */
  widthDots?: number;
  /** 0–255: a resampled dot darker than this prints. Default 128. */
  threshold?: number;
  /** ZPL's run-length compression (`G`–`z`, `,`, `!`, `:`); default true — a 4x6 label shrinks ~10×. */
  compress?: boolean;
}

/** Zebra's "203/300/600" are 8/12/24 dots per mm; any other dpi is taken literally. */
function dotsPerMm(dpi: number): number {
  return dpi === 203 || dpi === 300 || dpi === 600 ? DOTS_PER_MM[dpi] : dpi / 25.4;
}

/** Luminance with transparency composited onto white paper (ITU-R BT.601 weights). */
function greyFromRgba(data: Uint8Array, width: number, height: number): Float32Array {
  const grey = new Float32Array(width * height);
  for (let i = 0; i < grey.length; i += 1) {
    const r = data[i * 4] ?? 255;
    const g = data[i * 4 + 1] ?? 255;
    const b = data[i * 4 + 2] ?? 255;
    const a = (data[i * 4 + 3] ?? 255) / 255;
    grey[i] = (0.299 * r + 0.587 * g + 0.114 * b) * a + 255 * (1 - a);
  }
  return grey;
}

/** Decodes PNG bytes; a corrupt file is the carrier's fault, not a reason to retry. */
export function decodePng(png: Uint8Array): { width: number; height: number; grey: Float32Array } {
  let img: PNG;
  try {
    img = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (e) {
    throw new StationError('REJECTED', `label is not a readable PNG: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return { width: img.width, height: img.height, grey: greyFromRgba(img.data, img.width, img.height) };
}

/** Size in dots at the printer, and the ZPL body (without ^XA/^XZ) drawing `png` at (0, 0). */
export function pngToGraphicFields(png: Uint8Array, opts: PngToZplOptions): { width: number; height: number; fields: string } {
  const src = decodePng(png);
  const scale = opts.widthDots !== undefined ? opts.widthDots / src.width : dotsPerMm(opts.targetDpi) / dotsPerMm(opts.sourceDpi);
  if (!Number.isFinite(scale) || scale <= 0) throw new StationError('REJECTED', `cannot scale a PNG label by ${scale}`);
  const width = Math.max(1, Math.round(src.width * scale));
  const height = Math.max(1, Math.round(src.height * scale));
  const grey = width === src.width && height === src.height ? src.grey : resampleGrey(src.grey, src.width, src.height, width, height);
  const bmp = threshold(grey, width, height, opts.threshold ?? 128);
  return { width, height, fields: graphicFields(bmp, 0, 0, opts.compress ?? true) };
}

/**
 * A whole printable format: `^XA^PW…^LL…^FO0,0^GFA,…^FS^XZ`. ^PW/^LL are set to the image so the printer neither
 * clips a label wider than its last configured width nor feeds a short one.
 */
export function pngToZplGraphic(png: Uint8Array, opts: PngToZplOptions): string {
  const { width, height, fields } = pngToGraphicFields(png, opts);
  return `^XA^PW${width}^LL${height}^LH0,0^PON^PMN^LRN\n${fields}\n^PQ1,0,1,Y^XZ\n`;
}
