/**
 * Code 128 (ISO/IEC 15417) for the command sheet's screen and PDF renderings (the label printer draws its own with
 * `^BC`). Printable ASCII goes in code set B; runs of digits are packed two to a symbol in set C where that is shorter.
 * Pure: the same bars on screen, on paper and in tests.
 */
import { StationError } from '../domain/errors';

/**
 * Bar/space widths of symbol values 0–105 (bar first, 11 modules each) and the stop (106, 13 modules with its final
 * bar), as in the standard's symbol table.
 */
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
] as const;

const CODE_C = 99;
const CODE_B = 100;
const START_B = 104;
const START_C = 105;
const STOP = 106;

/** Light margin each side, in modules (the standard asks for at least 10). */
export const QUIET_ZONE_MODULES = 10;

export interface Code128 {
  text: string;
  /** Symbol values from the start symbol to the check symbol (the stop is not a value). */
  symbols: number[];
  /** Bar and space widths in modules, bar first, from the start symbol to the end of the stop; no quiet zones. */
  widths: number[];
  /** Width of `widths` in modules. */
  modules: number;
}

/** What the sheet can print: 1–80 printable ASCII characters (set B covers all of them). */
export const isCode128Text = (text: string): boolean => /^[\x20-\x7e]{1,80}$/.test(text);

const digitsFrom = (text: string, at: number): number => {
  let end = at;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end += 1;
  return end - at;
};

/**
 * Set C costs a switch in and, unless the digits end the data, a switch back: it pays from 4 digits at the start or
 * the end and from 6 in the middle. An odd run gives its first digit to set B.
 */
function symbolsOf(text: string): number[] {
  const lead = digitsFrom(text, 0);
  let inC = lead >= 4 || (lead === text.length && lead === 2);
  const symbols = [inC ? START_C : START_B];
  let at = 0;
  while (at < text.length) {
    const run = digitsFrom(text, at);
    if (inC) {
      if (run >= 2) {
        symbols.push(Number(text.slice(at, at + 2)));
        at += 2;
        continue;
      }
      symbols.push(CODE_B);
      inC = false;
      continue;
    }
    const worthC = run >= 6 || (run >= 4 && at + run === text.length);
    if (worthC && run % 2 === 0) {
      symbols.push(CODE_C);
      inC = true;
      continue;
    }
    symbols.push(text.charCodeAt(at) - 32);
    at += 1;
  }
  return symbols;
}

/** Modulo 103 of the start value plus each following value times its position. */
export function checkSymbol(symbols: readonly number[]): number {
  return symbols.reduce((sum, value, i) => sum + value * Math.max(1, i), 0) % 103;
}

export function encodeCode128(text: string): Code128 {
  if (!isCode128Text(text)) throw new StationError('REJECTED', `"${text}" cannot be a command barcode: use 1–80 printable ASCII characters`);
  const data = symbolsOf(text);
  const symbols = [...data, checkSymbol(data)];
  const widths = [...symbols, STOP].flatMap((value) => [...(PATTERNS[value] ?? '')].map(Number));
  return { text, symbols, widths, modules: widths.reduce((a, b) => a + b, 0) };
}

/** The bars as [start, width] in modules from the left edge of the symbol (quiet zone not included). */
export function barsOf(code: Code128): [number, number][] {
  const bars: [number, number][] = [];
  let x = 0;
  code.widths.forEach((width, i) => {
    if (i % 2 === 0) bars.push([x, width]);
    x += width;
  });
  return bars;
}

/** `1` per dark module, `0` per light one: how references print a symbol's modules. */
export const moduleString = (code: Code128): string => code.widths.map((w, i) => (i % 2 === 0 ? '1' : '0').repeat(w)).join('');
