/**
 * A small but real PDF (1.4, one Letter page, Helvetica text, a correct xref table) for the sandbox's scan forms,
 * so a station downloading and storing the form meets a file PDF readers open.
 */

/** PDF string literal: backslash, parentheses escaped; outside printable ASCII replaced. */
const pdfString = (s: string): string => `(${s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1')})`;

export function buildTextPdf(title: string, lines: readonly string[]): Buffer {
  const body = [`BT /F1 16 Tf 72 720 Td ${pdfString(title)} Tj ET`, ...lines.map((l, i) => `BT /F1 10 Tf 72 ${690 - i * 14} Td ${pdfString(l)} Tj ET`)].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  // Each xref entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, keyword, CR LF.
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n\r\n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
