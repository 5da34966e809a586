/**
 * GS1 element strings as scanners transmit them: GS1-128, GS1 DataMatrix, GS1 QR Code and GS1 DataBar, with or
 * without their symbology identifier, with ASCII GS (0x1D) where the symbol had an FNC1 separator, and the
 * human-readable form `(01)…(10)…` that people type or copy from a label.
 *
 * Sources: GS1 General Specifications §5.1.2 / §7.8 (symbology identifiers `]C1` GS1-128, `]e0` GS1 DataBar,
 * `]d2` GS1 DataMatrix, `]Q3` GS1 QR Code; a reader transmits the FNC1 *separator* as GS, ASCII 29 — GSCN 16-477
 * "FNC1 vs. <GS>"), and the AI table in gs1-ai.table.ts.
 *
 * Pure and total: returns data or a Gs1Error, never throws.
 */
import { AI_FORMATS, CSET82, aiLengthByPrefix, type AiFormat } from './gs1-ai.table';
import { GRAMS_PER_POUND } from '../domain/weight-units';

export const GS = '\x1d';

export type Gs1Symbology = 'gs1-128' | 'gs1-datamatrix' | 'gs1-qr' | 'gs1-databar';

/** ISO/IEC 15424 identifiers that announce GS1 data (the modifier says "FNC1 in first position"). */
const GS1_SYMBOLOGY_IDS: ReadonlyMap<string, Gs1Symbology> = new Map([
  [']C1', 'gs1-128'],
  [']d2', 'gs1-datamatrix'],
  [']Q3', 'gs1-qr'],
  [']e0', 'gs1-databar'],
]);
const SYMBOLOGY_ID = /^\][A-Za-z][0-9A-Za-z]/;

export interface Gs1Element {
  ai: string;
  value: string;
}

export interface Gs1Data {
  /** null when the scanner sent no symbology identifier. */
  symbology: Gs1Symbology | null;
  /** GTIN-14 of AI 01, else of AI 02 (the trade items inside a logistic unit). */
  gtin?: string;
  sscc?: string;
  lot?: string;
  serial?: string;
  /** AI 17 as YYYY-MM-DD; day 00 means the last day of that month. */
  expiry?: string;
  /** AI 30 (variable count), else AI 37 (count of contained items). */
  quantity?: number;
  /** AI 310n (kg, n decimals) or 320n (lb) in grams. */
  netWeightG?: number;
  /** Every element string, in scan order. */
  ais: Gs1Element[];
}

export type Gs1ErrorCode =
  | 'EMPTY'
  | 'NOT_GS1'
  | 'UNKNOWN_AI'
  | 'TRUNCATED'
  | 'TOO_LONG'
  | 'BAD_CHARACTER'
  | 'BAD_CHECK_DIGIT'
  | 'BAD_DATE'
  | 'DUPLICATE_AI';

/** A scan that is not a valid GS1 element string; `code` is stable, `message` is for the packer. */
export class Gs1Error extends Error {
  override readonly name = 'Gs1Error';
  constructor(
    readonly code: Gs1ErrorCode,
    message: string,
    readonly ai?: string,
  ) {
    super(message);
  }
}

export interface Gs1Options {
  /**
   * Strings the scanner sends in place of GS, for scanners set to a printable "field separator" because a keyboard
   * cannot type GS (CipherLab 1500/2500 user guides §4.13.6 "Field separator (GS character)"; Honeywell and Zebra
   * have the same data-editing setting). GS itself is always a separator.
   */
  separators?: readonly string[];
  /** Century of YYMMDD dates is chosen around this year (General Specifications §7.12); default: this year. */
  referenceYear?: number;
}

const MAX_INPUT = 1024;

/** True when the code says it is GS1 by itself: a GS1 symbology identifier, a GS, or the `(01)` form. */
export function looksLikeGs1(code: string): boolean {
  const id = code.slice(0, 3);
  return GS1_SYMBOLOGY_IDS.has(id) || code.includes(GS) || /^\(\d{2,4}\)/.test(code);
}

/**
 * The code without the ISO/IEC 15424 symbology identifier a scanner may put in front (`]E0` EAN/UPC, `]C0` Code
 * 128, `]C1` GS1-128…), so that "transmit AIM ID" switched on at the scanner does not break plain barcodes.
 */
export function stripSymbologyId(code: string): string {
  return SYMBOLOGY_ID.test(code) ? code.slice(3) : code;
}

/**
 * GS1 mod-10 check digit of an all-digit data string (GTIN, SSCC, GLN without their last digit): weights 3,1,3,…
 * from the rightmost data digit (General Specifications §7.9.1). The caller makes sure `data` is digits only.
 */
export function mod10CheckDigit(data: string): number {
  let sum = 0;
  for (let i = data.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += Number(data[i]) * weight;
  return (10 - (sum % 10)) % 10;
}

/** GS1 mod-10 check digit over all but the last digit, weights 3,1,3,… from the right (GTIN, SSCC, GLN). */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return mod10CheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

export function parseGs1(input: string, options: Gs1Options = {}): Gs1Data | Gs1Error {
  if (input.length > MAX_INPUT) return new Gs1Error('TOO_LONG', `GS1 data longer than ${MAX_INPUT} characters`);
  let text = input.trim();
  let symbology: Gs1Symbology | null = null;
  if (SYMBOLOGY_ID.test(text)) {
    const id = text.slice(0, 3);
    const known = GS1_SYMBOLOGY_IDS.get(id);
    if (!known) return new Gs1Error('NOT_GS1', `symbology ${id} carries no GS1 element strings`);
    symbology = known;
    text = text.slice(3);
  }
  for (const separator of options.separators ?? []) {
    if (separator !== '') text = text.split(separator).join(GS);
  }
  const elements = text.startsWith('(') ? splitBracketed(text) : splitElementString(text);
  if (elements instanceof Gs1Error) return elements;
  if (elements.length === 0) return new Gs1Error('EMPTY', 'no GS1 element strings');
  return interpret(symbology, elements, options.referenceYear ?? new Date().getUTCFullYear());
}

function formatOf(text: string, at: number): AiFormat | Gs1Error {
  const prefix = text.slice(at, at + 2);
  const length = aiLengthByPrefix(prefix);
  const ai = text.slice(at, at + (length || 2));
  const format = length > 0 && ai.length === length ? AI_FORMATS.get(ai) : undefined;
  if (!format) return new Gs1Error('UNKNOWN_AI', `unknown GS1 application identifier (${ai})`, ai);
  return format;
}

/** Unbracketed data: AIs back to back, variable-length values ended by GS or by the end of the data. */
function splitElementString(text: string): Gs1Element[] | Gs1Error {
  const elements: Gs1Element[] = [];
  // FNC1 in first position (a DataMatrix read without symbology identifier) carries no data.
  let at = text.startsWith(GS) ? 1 : 0;
  while (at < text.length) {
    const format = formatOf(text, at);
    if (format instanceof Gs1Error) return format;
    at += format.ai.length;
    let value: string;
    if (!format.fnc1) {
      value = text.slice(at, at + format.max);
      at += value.length;
    } else {
      const end = text.indexOf(GS, at);
      value = text.slice(at, end === -1 ? text.length : end);
      at += value.length;
    }
    // Encoders may put a GS after a predefined-length field too; it is harmless.
    if (text[at] === GS) at++;
    elements.push({ ai: format.ai, value });
  }
  return elements;
}

/** `(01)09501101530003(17)140704(10)AB-123`: each value runs to the next `(AI)`. */
function splitBracketed(text: string): Gs1Element[] | Gs1Error {
  const elements: Gs1Element[] = [];
  const clean = text.split(GS).join('');
  const pattern = /\((\d{2,4})\)/g;
  const marks = [...clean.matchAll(pattern)];
  if (marks[0]?.index !== 0) return new Gs1Error('NOT_GS1', 'bracketed GS1 data must start with (AI)');
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i];
    if (!mark) continue;
    const ai = mark[1] ?? '';
    if (!AI_FORMATS.has(ai)) return new Gs1Error('UNKNOWN_AI', `unknown GS1 application identifier (${ai})`, ai);
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[i + 1]?.index ?? clean.length;
    elements.push({ ai, value: clean.slice(start, end) });
  }
  return elements;
}

function validate(element: Gs1Element, format: AiFormat): Gs1Error | null {
  const { ai, value } = element;
  if (value.length < format.min) return new Gs1Error('TRUNCATED', `(${ai}) ${format.title} is too short: "${value}"`, ai);
  if (value.length > format.max) {
    return new Gs1Error('TOO_LONG', `(${ai}) ${format.title} is longer than ${format.max} characters`, ai);
  }
  const charsetOk = format.charset === 'N' ? /^\d+$/.test(value) : CSET82.test(value);
  if (!charsetOk) return new Gs1Error('BAD_CHARACTER', `(${ai}) ${format.title} has a character GS1 does not allow`, ai);
  if (format.checkDigit && !hasValidCheckDigit(value)) {
    return new Gs1Error('BAD_CHECK_DIGIT', `(${ai}) ${format.title} ${value} has a wrong check digit`, ai);
  }
  return null;
}

/** YYMMDD → YYYY-MM-DD; day 00 is the last day of the month (General Specifications §3.4.5–3.4.7). */
export function gs1Date(yymmdd: string, referenceYear: number): string | null {
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(yymmdd);
  if (!match) return null;
  const [yy, mm, dd] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // §7.12: the century that puts the year within 49 years back and 50 years ahead of the reference year.
  const refCentury = Math.floor(referenceYear / 100) * 100;
  const diff = yy - (referenceYear % 100);
  const year = refCentury + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  if (mm < 1 || mm > 12) return null;
  const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  if (dd > lastDay) return null;
  const day = dd === 0 ? lastDay : dd;
  return `${String(year).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function interpret(symbology: Gs1Symbology | null, elements: Gs1Element[], referenceYear: number): Gs1Data | Gs1Error {
  const seen = new Map<string, string>();
  const data: Gs1Data = { symbology, ais: [] };
  for (const element of elements) {
    const format = AI_FORMATS.get(element.ai);
    if (!format) return new Gs1Error('UNKNOWN_AI', `unknown GS1 application identifier (${element.ai})`, element.ai);
    const invalid = validate(element, format);
    if (invalid) return invalid;
    const before = seen.get(element.ai);
    if (before !== undefined && before !== element.value) {
      return new Gs1Error('DUPLICATE_AI', `(${element.ai}) appears twice with different values`, element.ai);
    }
    seen.set(element.ai, element.value);
    if (format.date) {
      const date = gs1Date(element.value, referenceYear);
      if (date === null) return new Gs1Error('BAD_DATE', `(${element.ai}) ${element.value} is not a date`, element.ai);
      if (element.ai === '17') data.expiry = date;
    }
    data.ais.push(element);
  }
  const get = (ai: string): string | undefined => seen.get(ai);
  const gtin = get('01') ?? get('02');
  if (gtin !== undefined) data.gtin = gtin;
  const sscc = get('00');
  if (sscc !== undefined) data.sscc = sscc;
  const lot = get('10');
  if (lot !== undefined) data.lot = lot;
  const serial = get('21');
  if (serial !== undefined) data.serial = serial;
  const count = get('30') ?? get('37');
  if (count !== undefined) data.quantity = Number(count);
  const weight = netWeightG(seen);
  if (weight !== undefined) data.netWeightG = weight;
  return data;
}


function netWeightG(seen: ReadonlyMap<string, string>): number | undefined {
  for (const [ai, value] of seen) {
    const match = /^3([12])0([0-5])$/.exec(ai);
    if (!match) continue;
    const amount = Number(value) / 10 ** Number(match[2]);
    return match[1] === '1' ? Math.round(amount * 1000 * 1000) / 1000 : Math.round(amount * GRAMS_PER_POUND * 1000) / 1000;
  }
  return undefined;
}
