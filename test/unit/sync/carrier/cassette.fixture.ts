/**
 * Reads response bodies out of EasyPost's vcrpy cassettes without a YAML dependency: each body is one YAML
 * single-quoted scalar (`string: '…'`), folded over lines, with `''` for a quote.
 */
import { readFixture } from '../../../support/third-party-fixtures';

export interface RecordedReply {
  method: string;
  uri: string;
  status: number;
  body: unknown;
}

export function readCassette(name: string): RecordedReply[] {
  const text = readFixture('utf8', 'easypost-python-cassettes', name);
  const out: RecordedReply[] = [];
  const re = /method: (\w+)\n\s+uri: (\S+)\n\s+response:\n\s+body:\n\s+string: '((?:[^']|'')*)'[\s\S]*?status:\n\s+code: (\d+)/g;
  for (const m of text.matchAll(re)) {
    const [, method = '', uri = '', raw = '', status = '0'] = m;
    const json = raw.replace(/\n\s*/g, ' ').replace(/''/g, "'");
    out.push({ method, uri, status: Number(status), body: JSON.parse(json) });
  }
  return out;
}

export function readDocsResponse(name: string): unknown {
  return JSON.parse(readFixture('utf8', 'easypost-docs-examples', name));
}
