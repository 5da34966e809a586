/**
 * The GS1 Application Identifiers the station understands, with their formats.
 *
 * Sources (formats and the FNC1 column): GS1 General Specifications §3.2 "GS1 Application Identifiers in numerical
 * order" (N = digits, X = GS1 AI encodable character set 82; "N2+X..20" = 2-digit AI, up to 20 characters), as
 * machine-readable in GS1's own GS1 Barcode Syntax Engine (github.com/gs1/gs1-barcode-engine, src/c-lib/ai.c:
 * `ai_table` and `AIlengthByPrefix`) and in python-stdnum's gs1_ai.dat (generated from
 * https://www.gs1.org/standards/barcodes/application-identifiers).
 *
 * `fnc1: false` marks the "predefined length" AIs (General Specifications figure 7.8.5-2: prefixes 00-04, 11-20,
 * 31-36, 41): their element string ends by length, so no FNC1/GS follows them. Every other AI ends at a GS or at the
 * end of the data, even when its length is fixed.
 *
 * An AI not listed here is an error, not skipped: without its length the rest of the string cannot be split.
 */
export interface AiFormat {
  ai: string;
  title: string;
  /** N: digits only; X: character set 82. */
  charset: 'N' | 'X';
  min: number;
  max: number;
  /** false: predefined length, never followed by a separator. */
  fnc1: boolean;
  /** The last digit is a GS1 mod-10 check digit (GTIN, SSCC, GLN). */
  checkDigit?: true;
  /** YYMMDD. */
  date?: true;
}

const fixedN = (ai: string, title: string, length: number, extra: Partial<AiFormat> = {}): AiFormat => ({
  ai,
  title,
  charset: 'N',
  min: length,
  max: length,
  fnc1: false,
  ...extra,
});
const varX = (ai: string, title: string, max: number): AiFormat => ({ ai, title, charset: 'X', min: 1, max, fnc1: true });
const varN = (ai: string, title: string, max: number): AiFormat => ({ ai, title, charset: 'N', min: 1, max, fnc1: true });

/** 310n net weight in kg and 320n in lb, n = decimals 0–5 (n is part of the AI). */
const decimalSeries = (prefix: string, title: string): AiFormat[] =>
  [0, 1, 2, 3, 4, 5].map((n) => fixedN(`${prefix}${n}`, title, 6));

const FORMATS: AiFormat[] = [
  fixedN('00', 'SSCC', 18, { checkDigit: true }),
  fixedN('01', 'GTIN', 14, { checkDigit: true }),
  fixedN('02', 'CONTENT', 14, { checkDigit: true }),
  varX('10', 'BATCH/LOT', 20),
  fixedN('11', 'PROD DATE', 6, { date: true }),
  fixedN('12', 'DUE DATE', 6, { date: true }),
  fixedN('13', 'PACK DATE', 6, { date: true }),
  fixedN('15', 'BEST BEFORE', 6, { date: true }),
  fixedN('16', 'SELL BY', 6, { date: true }),
  fixedN('17', 'USE BY OR EXPIRY', 6, { date: true }),
  fixedN('20', 'VARIANT', 2),
  varX('21', 'SERIAL', 20),
  varX('22', 'CPV', 20),
  varX('240', 'ADDITIONAL ID', 30),
  varX('241', 'CUST. PART No.', 30),
  varX('250', 'SECONDARY SERIAL', 30),
  varX('251', 'REF. TO SOURCE', 30),
  varN('30', 'VAR. COUNT', 8),
  ...decimalSeries('310', 'NET WEIGHT (kg)'),
  ...decimalSeries('320', 'NET WEIGHT (lb)'),
  varN('37', 'COUNT', 8),
  varX('400', 'ORDER NUMBER', 30),
  fixedN('410', 'SHIP TO LOC', 13, { checkDigit: true }),
  fixedN('413', 'SHIP FOR LOC', 13, { checkDigit: true }),
  fixedN('414', 'LOC No.', 13, { checkDigit: true }),
  varX('420', 'SHIP TO POST', 20),
  varX('90', 'INTERNAL', 30),
  ...['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) => varX(ai, 'INTERNAL', 90)),
];

export const AI_FORMATS: ReadonlyMap<string, AiFormat> = new Map(FORMATS.map((format) => [format.ai, format]));

/**
 * How many digits an AI has, from its first two (GS1 Barcode Syntax Engine `AIlengthByPrefix`); 0 = no such AI.
 * Only the prefixes of AIs in FORMATS are needed: any other prefix is an unknown AI anyway.
 */
const AI_LENGTH_BY_PREFIX: ReadonlyMap<string, number> = new Map([
  ...['00', '01', '02', '10', '11', '12', '13', '15', '16', '17', '20', '21', '22', '30', '37'].map((p) => [p, 2] as const),
  ...['90', '91', '92', '93', '94', '95', '96', '97', '98', '99'].map((p) => [p, 2] as const),
  ...['23', '24', '25', '40', '41', '42'].map((p) => [p, 3] as const),
  ...['31', '32', '33', '34', '35', '36', '39'].map((p) => [p, 4] as const),
]);

export const aiLengthByPrefix = (prefix: string): number => AI_LENGTH_BY_PREFIX.get(prefix) ?? 0;

/** GS1 AI encodable character set 82 (General Specifications figure 7.11-1). */
export const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
