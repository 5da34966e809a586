/**
 * Reads response bodies out of EasyPost's vcrpy cassettes without a YAML dependency: each body is one YAML
 * single-quoted scalar (`string: '…'`), folded over lines, with `''` for a quote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/fixtures` next to the repository (handbook §7). */
export const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/', import.meta.url));
export const CASSETTES = join(FIXTURES, 'easypost-python-cassettes');
export const DOCS_EXAMPLES = join(FIXTURES, 'easypost-docs-examples');

export interface RecordedReply {
  method: string;
  uri: string;
  status: number;
  body: unknown;
}

export function readCassette(name: string): RecordedReply[] {
  const text = readFileSync(join(CASSETTES, name), 'utf8');
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
  return JSON.parse(readFileSync(join(DOCS_EXAMPLES, name), 'utf8'));
}
