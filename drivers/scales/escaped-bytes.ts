import { StationError } from '../../app/domain/errors';

const SIMPLE: Record<string, number> = { r: 0x0d, n: 0x0a, t: 0x09, '0': 0x00, '\\': 0x5c, e: 0x1b };

/**
 * Bytes written in a config file: `\r`, `\n`, `\t`, `\0`, `\e`, `\\` and `\xHH` escapes, everything else latin-1.
 * JSON already turns a real "\r" into CR; these escapes let `"\\x02"` and `"\\r"` mean the same bytes.
 */
export function unescapeBytes(text: string, field: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char > 0xff) throw new StationError('CONFIG', `${field}: "${text}" has a character that is not a byte`);
    if (text[i] !== '\\') {
      out.push(char);
      continue;
    }
    const next = text[i + 1];
    if (next === 'x') {
      const hex = text.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new StationError('CONFIG', `${field}: "\\x" needs two hex digits in "${text}"`);
      out.push(parseInt(hex, 16));
      i += 3;
    } else if (next !== undefined && Object.hasOwn(SIMPLE, next)) {
      out.push(SIMPLE[next] ?? 0);
      i += 1;
    } else {
      throw new StationError('CONFIG', `${field}: unknown escape "\\${next ?? ''}" in "${text}"`);
    }
  }
  return Buffer.from(out);
}
