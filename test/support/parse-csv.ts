/** RFC 4180 as a test reads an export back: the product's own reader, and the file must be exactly what RFC 4180
 * writes for those rows (fields quoted only when needed, quotes doubled, every row ending in CRLF). */
import { csvField } from '../../app/recon/exceptions-csv';
import { parseCsv as readCsv } from '../../sync/recon/csv';

export function parseCsv(text: string): string[][] {
  const rows = readCsv(text, 'export');
  const written = rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  if (written !== text) throw new Error('the export is not RFC 4180 as written (quoting or CRLF line ends differ)');
  return rows;
}
