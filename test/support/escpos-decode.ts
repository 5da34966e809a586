/**
 * ESC/POS bytes → the text lines a slip printer would print, for tests. Formatting commands are consumed (their
 * parameter bytes too, so they never leak into the text); barcodes become `[barcode CODE128 <data>]` lines, QR codes
 * `[qr <data>]`, a cut `[cut]`. Unknown commands throw: a test must not pass over bytes it does not understand.
 */

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;
const CR = 0x0d;

// ESC t n → the code page's TextDecoder label (only the pages our renderer may emit need to be right).
const CODE_PAGES: Readonly<Record<number, string>> = {
  16: 'windows-1252',
  17: 'ibm866',
  39: 'iso-8859-2',
  40: 'iso-8859-15',
  45: 'windows-1250',
  46: 'windows-1251',
  47: 'windows-1253',
  48: 'windows-1254',
  49: 'windows-1255',
  50: 'windows-1256',
  51: 'windows-1257',
  52: 'windows-1258',
};

// ESC commands with a fixed number of parameter bytes.
const ESC_PARAMS: Readonly<Record<number, number>> = {
  0x21: 1, // ESC ! n  print mode
  0x2d: 1, // ESC - n  underline
  0x32: 0, // ESC 2    default line spacing
  0x33: 1, // ESC 3 n  line spacing
  0x40: 0, // ESC @    initialise
  0x45: 1, // ESC E n  bold
  0x47: 1, // ESC G n  double strike
  0x4d: 1, // ESC M n  font
  0x61: 1, // ESC a n  justification
  0x64: 1, // ESC d n  print and feed n lines
  0x70: 3, // ESC p m t1 t2  drawer kick
  0x74: 1, // ESC t n  code page
  0x7b: 1, // ESC { n  upside down
  0x42: 2, // ESC B n t  beep
};

// GS commands with a fixed number of parameter bytes (GS V, GS k and GS ( k are handled on their own).
const GS_PARAMS: Readonly<Record<number, number>> = {
  0x21: 1, // GS ! n  character size
  0x42: 1, // GS B n  reverse
  0x48: 1, // GS H n  HRI position
  0x66: 1, // GS f n  HRI font
  0x68: 1, // GS h n  barcode height
  0x77: 1, // GS w n  barcode module width
  0x72: 1, // GS r n  transmit status
};

const BARCODE_TYPES: Readonly<Record<number, string>> = {
  0: 'UPC-A', 1: 'UPC-E', 2: 'EAN13', 3: 'EAN8', 4: 'CODE39', 5: 'ITF', 6: 'CODABAR',
  65: 'UPC-A', 66: 'UPC-E', 67: 'EAN13', 68: 'EAN8', 69: 'CODE39', 70: 'ITF', 71: 'CODABAR', 72: 'CODE93', 73: 'CODE128',
};

/** Code 128 function-B data: `{A`/`{B`/`{C` select a code set, `{{` is a literal `{`; FNC codes are dropped. */
function code128Text(data: Buffer): string {
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] ?? 0;
    if (byte === 0x7b && i + 1 < data.length) {
      const next = data[i + 1] ?? 0;
      i += 1;
      if (next === 0x7b) out += '{';
      continue;
    }
    out += String.fromCharCode(byte);
  }
  return out;
}

export function decodeEscPos(input: Uint8Array): string[] {
  const bytes = Buffer.from(input);
  const lines: string[] = [];
  let text: number[] = [];
  let decoder = new TextDecoder('latin1');
  let pending = '';
  let pending2d = '';
  const flushText = (): void => {
    if (text.length > 0) pending += decoder.decode(Uint8Array.from(text));
    text = [];
  };
  const endLine = (): void => {
    flushText();
    lines.push(pending);
    pending = '';
  };
  const emit = (line: string): void => {
    flushText();
    if (pending.length > 0) endLine();
    lines.push(line);
  };
  const byteAt = (i: number): number => {
    const b = bytes[i];
    if (b === undefined) throw new Error(`ESC/POS stream ends inside a command at byte ${i}`);
    return b;
  };

  for (let i = 0; i < bytes.length; ) {
    const b = byteAt(i);
    if (b === LF) {
      endLine();
      i += 1;
    } else if (b === CR) {
      i += 1;
    } else if (b === ESC) {
      const cmd = byteAt(i + 1);
      const count = ESC_PARAMS[cmd];
      if (count === undefined) throw new Error(`unknown ESC 0x${cmd.toString(16)} at byte ${i}`);
      flushText();
      if (cmd === 0x74) decoder = new TextDecoder(CODE_PAGES[byteAt(i + 2)] ?? 'latin1');
      if (cmd === 0x40) decoder = new TextDecoder('latin1');
      // ESC d prints the line in the buffer, then feeds: a pending line ends, blank feed lines are not text.
      if (cmd === 0x64 && pending.length > 0) endLine();
      i += 2 + count;
    } else if (b === GS) {
      const cmd = byteAt(i + 1);
      if (cmd === 0x56) {
        // GS V m [n]: m 0/1/48/49 cut now; 65/66 feed n then cut.
        const m = byteAt(i + 2);
        emit('[cut]');
        i += m === 65 || m === 66 ? 4 : 3;
      } else if (cmd === 0x6b) {
        const m = byteAt(i + 2);
        const type = BARCODE_TYPES[m] ?? `type-${m}`;
        let data: Buffer;
        if (m <= 6) {
          const end = bytes.indexOf(0, i + 3);
          if (end < 0) throw new Error(`GS k ${m} without NUL terminator`);
          data = bytes.subarray(i + 3, end);
          i = end + 1;
        } else {
          const n = byteAt(i + 3);
          data = bytes.subarray(i + 4, i + 4 + n);
          i += 4 + n;
        }
        emit(`[barcode ${type} ${m === 73 ? code128Text(data) : data.toString('latin1')}]`);
      } else if (cmd === 0x28 && byteAt(i + 2) === 0x6b) {
        // GS ( k pL pH cn fn [data]: 2D symbols; fn 80 stores the data, fn 81 prints it.
        const length = byteAt(i + 3) + byteAt(i + 4) * 256;
        const body = bytes.subarray(i + 5, i + 5 + length);
        const fn = body[1];
        if (fn === 80) pending2d = body.subarray(3).toString('latin1');
        if (fn === 81) emit(`[qr ${pending2d}]`);
        i += 5 + length;
      } else {
        const count = GS_PARAMS[cmd];
        if (count === undefined) throw new Error(`unknown GS 0x${cmd.toString(16)} at byte ${i}`);
        flushText();
        i += 2 + count;
      }
    } else if (b === DLE) {
      // DLE EOT n / DLE ENQ n: real-time requests, not printed.
      i += 3;
    } else {
      text.push(b);
      i += 1;
    }
  }
  flushText();
  if (pending.length > 0) lines.push(pending);
  return lines;
}
