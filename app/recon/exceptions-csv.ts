import type { HubException } from './exception.schema';

/** Spreadsheets run a cell that starts with one of these as a formula (CSV injection): such cells get a leading `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
export const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** A cell of a file people open in a spreadsheet: an RFC 4180 field, formula-looking text defused. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return csvField(typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text);
}

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

const COLUMNS: [string, (e: HubException) => string | number | null][] = [
  ['id', (e) => e.id],
  ['kind', (e) => e.kind],
  ['severity', (e) => e.severity],
  ['state', (e) => e.state],
  ['station', (e) => e.stationId],
  ['picking', (e) => e.pickingName ?? (e.pickingId === null ? null : String(e.pickingId))],
  ['shipment', (e) => e.shipmentId],
  ['tracking code', (e) => e.trackingCode],
  ['detail', (e) => e.detail],
  ['amounts', (e) => (e.amounts ? `expected ${e.amounts.expected} ${e.amounts.unit}, actual ${e.amounts.actual} ${e.amounts.unit}, difference ${e.amounts.difference} ${e.amounts.unit}` : null)],
  ['suggested action', (e) => e.suggestedAction.text],
  ['owner', (e) => e.owner],
  ['reason', (e) => e.reason],
  ['opened', (e) => iso(e.openedAt)],
  ['updated', (e) => iso(e.updatedAt)],
];

/** The exceptions as a CSV file: a header row, one row per exception, CRLF line ends (RFC 4180). */
export function exceptionsCsv(exceptions: readonly HubException[]): string {
  const rows = [COLUMNS.map(([name]) => name), ...exceptions.map((e) => COLUMNS.map(([, cell]) => csvCell(cell(e))))];
  return rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}
