/**
 * CSV report files as the carrier platforms hand them out (EasyPost reports, Shippo Reporting API runs), read per
 * RFC 4180: fields separated by commas, records by CRLF (a bare LF is accepted too), a field with a comma, a quote or
 * a line break inside is quoted and its quotes doubled. The first record is the header. A file that breaks the format
 * (an unterminated quote, a quote inside an unquoted field, a record with more or fewer fields than the header) or
 * lacks a column the reader needs is refused whole with an INVALID_REPLY StationError — never read as fewer rows.
 */
import { z } from 'zod';
import { StationError } from '../../app/domain/errors';

/** Splits CSV text into records of fields; `what` names the file in errors. */
export function parseCsv(text: string, what: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = 0;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        const next = src[i + 1];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw bad(what, line, 'text after a closing quote');
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw bad(what, line, 'a quote inside an unquoted field');
      quoted = true;
    } else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      endRecord();
      line++;
      if (c === '\r' && src[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (quoted) throw bad(what, line, 'a quoted field is never closed');
  // A last record without a line break after it still counts; a trailing line break ends the file.
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/**
 * The rows of a CSV file as objects keyed by header name, each validated by `row`. `required` are the columns the
 * reader takes values from: every one must be in the header (other columns are ignored).
 */
export function csvRows<S extends z.ZodType>(text: string, required: readonly string[], row: S, what: string): z.infer<S>[] {
  const records = parseCsv(text, what).filter((r) => !(r.length === 1 && r[0] === ''));
  const [header, ...body] = records;
  if (header === undefined) throw new StationError('INVALID_REPLY', `${what}: the file is empty (no header)`);
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new StationError('INVALID_REPLY', `${what}: missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`, { detail: { missing, header } });
  }
  return body.map((fields, n) => {
    if (fields.length !== header.length) {
      throw new StationError('INVALID_REPLY', `${what}: row ${n + 1} has ${fields.length} fields, the header ${header.length}`);
    }
    const parsed = row.safeParse(Object.fromEntries(header.map((name, k) => [name, fields[k]])));
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`);
      throw new StationError('INVALID_REPLY', `${what}: row ${n + 1} is not valid (${issues.join('; ')})`);
    }
    return parsed.data as z.infer<S>;
  });
}

function bad(what: string, line: number, why: string): StationError {
  return new StationError('INVALID_REPLY', `${what}: not valid CSV at line ${line} (${why})`);
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const EPOCH_SECONDS = /^\d{9,11}$/;
const HAS_ZONE = /(Z|UTC|GMT|[+-]\d\d:?\d\d)$/i;

/** ISO 8601 or `2022-05-04 18:34:13 UTC` (a time without a zone is UTC), or epoch seconds; NaN when neither. */
export function timeMs(text: string): number {
  const v = text.trim();
  if (EPOCH_SECONDS.test(v)) return Number(v) * 1000;
  return Date.parse(HAS_ZONE.test(v) ? v : `${v}Z`);
}

const decimal = z
  .string()
  .trim()
  .regex(DECIMAL, 'expected a decimal number')
  .transform((v) => Number(v));
const time = z
  .string()
  .refine((v) => !Number.isNaN(timeMs(v)), 'expected a time')
  .transform(timeMs);
const empty = z
  .string()
  .refine((v) => v.trim() === '')
  .transform(() => null);

/** Zod schemas of report cells. Every cell is text; an empty cell is "no value" where a column may be empty. */
export const Cell = {
  text: z.string().trim().min(1, 'must not be empty'),
  optionalText: z.string().transform((v) => (v.trim() === '' ? null : v.trim())),
  decimal,
  optionalDecimal: z.union([empty, decimal]),
  time,
  optionalTime: z.union([empty, time]),
};

/** Money as the readers hand it on: a number rounded to cents. */
export const cents = (amount: number): number => Math.round(amount * 100) / 100;
