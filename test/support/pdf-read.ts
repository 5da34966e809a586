/**
 * Test helper: reads back an uncompressed PDF as a reader would find its way through it — `startxref` to the
 * cross-reference table, each entry's offset to its `N 0 obj`, the page tree to each page's content stream — and
 * turns a page's filled rectangles into a picture a barcode decoder can scan. Throws on any broken pointer.
 */
import { PNG } from 'pngjs';

export interface ReadPdf {
  version: string;
  objects: Map<number, string>;
  /** Content streams of the pages, in page order. */
  pages: { mediaBox: number[]; content: string }[];
  trailer: string;
}

export function readPdf(bytes: Uint8Array): ReadPdf {
  const file = Buffer.from(bytes).toString('latin1');
  const version = /^%PDF-(\d\.\d)\n/.exec(file)?.[1];
  if (!version) throw new Error('no %PDF header');
  const startxref = /startxref\n(\d+)\n%%EOF\n?$/.exec(file);
  if (!startxref) throw new Error('no startxref at the end');
  const xrefAt = Number(startxref[1]);
  if (!file.startsWith('xref\n', xrefAt)) throw new Error(`startxref ${xrefAt} does not point at the xref table`);
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(file.slice(xrefAt)) ?? [];
  const entriesAt = xrefAt + `xref\n${first} ${count}\n`.length;
  const objects = new Map<number, string>();
  for (let i = 0; i < Number(count); i += 1) {
    const entry = file.slice(entriesAt + 20 * i, entriesAt + 20 * (i + 1));
    if (!/^\d{10} \d{5} [nf] \n$/.test(entry)) throw new Error(`xref entry ${i} is not 20 bytes: ${JSON.stringify(entry)}`);
    if (entry[17] === 'f') continue;
    const offset = Number(entry.slice(0, 10));
    const id = Number(first) + i;
    if (!file.startsWith(`${id} 0 obj\n`, offset)) throw new Error(`xref offset ${offset} of object ${id} does not point at it`);
    const end = file.indexOf('\nendobj\n', offset);
    objects.set(id, file.slice(offset + `${id} 0 obj\n`.length, end));
  }
  const trailer = file.slice(file.indexOf('trailer\n', xrefAt));
  const ref = (text: string, key: string): number => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(text)?.[1]);
  const catalog = objects.get(ref(trailer, 'Root')) ?? '';
  const tree = objects.get(ref(catalog, 'Pages')) ?? '';
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(tree)![1]!.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const pages = kids.map((id) => {
    const page = objects.get(id) ?? '';
    const stream = objects.get(ref(page, 'Contents')) ?? '';
    const length = Number(/\/Length (\d+)/.exec(stream)?.[1]);
    const content = /stream\n([\s\S]*)\nendstream$/.exec(stream)?.[1] ?? '';
    if (content.length !== length) throw new Error(`content stream of page ${id} is ${content.length} bytes, /Length says ${length}`);
    return { mediaBox: /\/MediaBox \[([^\]]+)\]/.exec(page)![1]!.split(' ').map(Number), content };
  });
  return { version, objects, pages, trailer };
}

/** Windows-1252 0x80–0x9F (Node's TextDecoder reads that label as Latin-1); the rest is Latin-1. */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** The strings a content stream shows (`(…) Tj`), escapes undone, WinAnsi bytes read as Windows-1252. */
export function pdfTexts(content: string): string[] {
  return [...content.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((m) =>
    m[1]!.replace(/\\([0-7]{3}|.)/g, (_, e: string) => (/^[0-7]{3}$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e)).replace(/[\x80-\x9f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!),
  );
}

/** The page's filled rectangles (`x y w h re`) drawn black on white at `scale` pixels per point, as PNG. */
export function rasterizeRects(page: ReadPdf['pages'][number], scale: number): Buffer {
  const [, , widthPt, heightPt] = page.mediaBox as [number, number, number, number];
  const png = new PNG({ width: Math.ceil(widthPt * scale), height: Math.ceil(heightPt * scale) });
  png.data.fill(255);
  for (const m of page.content.matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re/g)) {
    const [x, y, w, h] = m.slice(1, 5).map(Number) as [number, number, number, number];
    const x0 = Math.round(x * scale);
    const x1 = Math.round((x + w) * scale);
    const top = Math.round((heightPt - y - h) * scale);
    const bottom = Math.round((heightPt - y) * scale);
    for (let py = top; py < bottom; py += 1) {
      for (let px = x0; px < x1; px += 1) {
        const i = (py * png.width + px) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      }
    }
  }
  return PNG.sync.write(png);
}
