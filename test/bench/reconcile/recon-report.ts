/** The reconciliation bench's printed lines: read requests against the bound, phases, findings, memory. */
import { RECON_BATCH } from '../../../app/recon/recon.ports';
import type { ReconcileSummary } from '../../../sync/recon/reconcile.job';
import type { CarrierCounts, SandboxCounts } from './sandbox-protocol';
import type { Span } from './timed-deps';

const num = (v: number): string => Math.round(v).toLocaleString('en');
const ms = (v: number): string => `${num(v)} ms`;
const bound = (records: number): number => Math.ceil(records / RECON_BATCH);
const verdict = (requests: number, records: number): string => (requests <= bound(records) ? 'ok' : 'OVER');
const against = (records: number): string => `⌈${num(records)}/${RECON_BATCH}⌉ = ${bound(records)}`;

/** Odoo: the ledger's pickings and the window's done pickings are one query, paged by RECON_BATCH. */
export function odooLines(c: SandboxCounts['odoo'], pickings: number, version: number): string[] {
  const reads = c.pickingsById + c.doneWithTracking;
  const session = c.http - reads - c.otherCalls.length;
  return [
    `Odoo ${version}      ${reads} reads (search_read of stock.picking) against ${against(pickings)}: ${verdict(reads, pickings)}`,
    `                  + ${session} session requests (version, login)${c.otherCalls.length > 0 ? ` + other calls: ${c.otherCalls.join(', ')}` : ''}; ${c.http} HTTP requests in all`,
  ];
}

const paths = (c: CarrierCounts): string =>
  Object.entries(c.byPath)
    .map(([path, n]) => `${path} ×${n}`)
    .join(', ');

export function easyPostLine(c: CarrierCounts, labels: number): string {
  return `EasyPost     ${c.total} requests against ${against(labels)}: ${verdict(c.total, labels)}  (${paths(c)})`;
}

/** Shippo pages /transactions by RECON_BATCH and runs one Reporting API report (create, poll, download) besides. */
export function shippoLines(c: CarrierCounts, labels: number): string[] {
  const pages = c.byPath['GET /transactions'] ?? 0;
  return [
    `Shippo       ${c.total} requests against ${against(labels)}: ${verdict(c.total, labels)} — ${pages} pages of /transactions (${verdict(pages, labels)} alone) + ${c.total - pages} Reporting API requests`,
    `             (${paths(c)})`,
  ];
}

const COMPARING = 'comparing (folding the ledger, pure rules)';

/** Each timed call from the run's start, in the order they started, with the comparison between reads and recording. */
export function phaseLines(spans: readonly Span[], runMs: number): string[] {
  const record = spans.find((s) => s.name.startsWith('recording'));
  const rows = [...spans];
  if (record) {
    const readsEnd = Math.max(...spans.filter((s) => s.startMs < record.startMs).map((s) => s.startMs + s.ms));
    rows.push({ name: COMPARING, startMs: readsEnd, ms: record.startMs - readsEnd, size: '' });
  }
  rows.sort((a, b) => a.startMs - b.startMs);
  rows.push({ name: 'the whole run', startMs: 0, ms: runMs, size: '' });
  const width = Math.max(...rows.map((s) => s.name.length));
  return rows.map((s) => `${s.name.padEnd(width)} ${ms(s.startMs).padStart(9)} → ${ms(s.startMs + s.ms).padStart(9)}  ${ms(s.ms).padStart(9)}  ${s.size}`.trimEnd());
}

/** Findings by kind against what was seeded; `ok` only when every kind matches and nothing else was found. */
export function findingLines(summary: ReconcileSummary, expected: Partial<Record<string, number>>): { lines: string[]; ok: boolean } {
  const kinds = [...new Set([...Object.keys(expected), ...Object.keys(summary.byKind)])].sort();
  let ok = true;
  const lines = kinds.map((kind) => {
    const found = summary.byKind[kind] ?? 0;
    const seeded = expected[kind] ?? 0;
    ok &&= found === seeded;
    return `${kind.padEnd(22)} ${num(found).padStart(6)} found / ${num(seeded).padStart(6)} seeded  ${found === seeded ? 'ok' : 'MISMATCH'}`;
  });
  const total = Object.values(expected).reduce((t: number, n) => t + (n ?? 0), 0);
  lines.push(`${'all'.padEnd(22)} ${num(summary.findings).padStart(6)} found / ${num(total).padStart(6)} seeded  ${ok ? 'ok' : 'MISMATCH'}; ${summary.opened} exceptions opened`);
  return { lines, ok };
}

export const formatMs = ms;
export const formatCount = num;
