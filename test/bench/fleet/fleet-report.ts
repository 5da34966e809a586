/** The fleet bench's figures: a table of metric, value, goal and verdict for people, and JSON for the record. */

export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** The value must stay at or below this. */
  goal?: number;
}

export interface Section {
  title: string;
  metrics: Metric[];
  notes: string[];
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const format = (value: number, unit: string) => {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

function verdict(metric: Metric): [string, string, string] {
  if (metric.goal === undefined) return ['', '', ''];
  const ratio = metric.value / metric.goal;
  const pass = Number.isFinite(metric.value) && metric.value <= metric.goal;
  return [`< ${format(metric.goal, metric.unit)}`, Number.isFinite(ratio) ? `×${ratio.toFixed(2)}` : 'n/a', pass ? 'PASS' : 'FAIL'];
}

export function printSection(section: Section): void {
  const rows = section.metrics.map((m) => [m.name, format(m.value, m.unit), ...verdict(m)]);
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...[['metric', 'value', 'goal', 'ratio', ''], ...rows].map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `  ${r.map((cell, c) => (c === 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd()}`;
  console.log(`\n${section.title}`);
  console.log(line(['metric', 'value', 'goal', 'ratio', '']));
  for (const row of rows) console.log(line(row));
  for (const note of section.notes) console.log(`  · ${note}`);
}

/** Every metric by section, with its goal and verdict, for the README's note (the bench's last stdout line). */
export function resultsJson(sections: readonly Section[], extra: Record<string, unknown>): string {
  return JSON.stringify({
    ...extra,
    sections: sections.map((s) => ({
      title: s.title,
      metrics: s.metrics.map((m) => ({ ...m, value: Number.isFinite(m.value) ? Number(m.value.toFixed(3)) : null, pass: m.goal === undefined ? undefined : m.value <= m.goal })),
      notes: s.notes,
    })),
  });
}
