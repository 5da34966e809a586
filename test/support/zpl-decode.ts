/**
 * Test helper: renders ZPL the way a printer would (zpl-renderer-js, a wasm build of zebrash) and scans the picture
 * back with zxing-wasm, so a test can prove that a printed label really scans to its tracking code.
 * Both libraries run fully offline: zxing-wasm would otherwise fetch its .wasm from a CDN.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ZplApi } from 'zpl-renderer-js';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

export interface RenderOptions {
  /** Dots per millimetre: 8 = 203 dpi, 12 = 300 dpi, 24 = 600 dpi. */
  dpmm?: number;
  /** Label size; the default is the 4x6 in shipping label. */
  widthMm?: number;
  heightMm?: number;
}

export interface DecodedBarcode {
  format: string;
  text: string;
}

const require = createRequire(import.meta.url);

let zxingReady: Promise<unknown> | null = null;

function ensureZxing(): Promise<unknown> {
  zxingReady ??= (async () => {
    const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = await readFile(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return zxingReady;
}

let zplApi: Promise<ZplApi> | null = null;

function ensureZpl(): Promise<ZplApi> {
  // Loaded lazily through Node's own require: the module inlines ~8 MB of wasm, which Vite would otherwise
  // transform (slow, and it warns about a missing source map); it also starts a Go runtime on load.
  zplApi ??= (async () => {
    const mod = require('zpl-renderer-js') as { ready: Promise<{ api: ZplApi }> };
    return (await mod.ready).api;
  })();
  return zplApi;
}

const DEFAULTS = { dpmm: 8, widthMm: 101.6, heightMm: 152.4 } as const;

/** Renders every `^XA…^XZ` format of `zpl` and returns the first label that drew anything, as PNG. */
export async function renderZpl(zpl: string, opts: RenderOptions = {}): Promise<Buffer> {
  const pngs = await renderZplAll(zpl, opts);
  // Real carrier files may start with a settings-only format (`^XA^MCY^XZ`): pick the largest picture.
  const best = pngs.reduce<Buffer | undefined>((a, b) => (a === undefined || b.length > a.length ? b : a), undefined);
  if (best === undefined) throw new Error('zpl-renderer-js rendered no label');
  return best;
}

/** One PNG per `^XA…^XZ` format. */
export async function renderZplAll(zpl: string, opts: RenderOptions = {}): Promise<Buffer[]> {
  const { dpmm, widthMm, heightMm } = { ...DEFAULTS, ...opts };
  const api = await ensureZpl();
  const labels = await api.zplToBase64MultipleAsync(zpl, widthMm, heightMm, dpmm);
  return labels.map((b64) => Buffer.from(b64, 'base64'));
}

/** Every barcode zxing finds in the picture (linear and matrix), in reading order. */
export async function decodeBarcodes(png: Buffer): Promise<DecodedBarcode[]> {
  await ensureZxing();
  const results = await readBarcodes(new Uint8Array(png), { formats: [], tryHarder: true, maxNumberOfSymbols: 16 });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}

/** Renders each format of `zpl` and decodes the barcodes of all of them. */
export async function decodeZplBarcodes(zpl: string, opts: RenderOptions = {}): Promise<DecodedBarcode[]> {
  const found: DecodedBarcode[] = [];
  for (const png of await renderZplAll(zpl, opts)) found.push(...(await decodeBarcodes(png)));
  return found;
}
