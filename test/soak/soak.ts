/**
 * `npm run soak`: the long exactly-once soak (see soak.runner.ts). Prints a table; exits 0 only with lost 0 and
 * duplicated 0 after at least `--kills` SIGKILL trials and `--faults` injected faults.
 *
 *   --kills N (100)  --faults N (1000)  --pickings N (20)  --rate R (0.25)  --seed S (7)  --minutes M (30)
 */
import { runSoak, type SoakReport } from './soak.runner';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function soakTable(r: SoakReport): string {
  const rows: [string, string][] = [
    ['kill trials (SIGKILL)', `${r.kills}  (${Object.entries(r.killedIn).map(([s, n]) => `${s} ${n}`).join(', ')})`],
    ['kill points', Object.entries(r.killedAt).map(([s, n]) => `${s} ${n}`).join(', ')],
    ['faults injected', `${Object.values(r.faults).reduce((a, b) => a + b, 0)}  (${Object.entries(r.faults).map(([k, n]) => `${k} ${n}`).join(', ')})`],
    ['pickings', String(r.pickings)],
    ['parcels', String(r.parcels)],
    ['odoo writes applied', String(r.events)],
    ['lost', String(r.lost)],
    ['duplicated', String(r.duplicated)],
    ['time', `${(r.ms / 1000).toFixed(1)} s`],
  ];
  return rows.map(([k, v]) => `${k.padEnd(22)} ${v}`).join('\n');
}

if (process.argv[1]?.endsWith('soak.ts')) {
  const report = await runSoak({
    seed: arg('seed', 7),
    kills: arg('kills', 100),
    faults: arg('faults', 1000),
    minPickings: arg('pickings', 20),
    faultRate: arg('rate', 0.25),
    killWindowMs: [800, 4_000],
    budgetMs: arg('minutes', 30) * 60_000,
    log: (line) => console.log(line),
  });
  console.log(soakTable(report));
  for (const p of report.problems) console.log(`  ${p}`);
  const reached = report.kills >= arg('kills', 100) && Object.values(report.faults).reduce((a, b) => a + b, 0) >= arg('faults', 1000);
  if (!reached) console.log('the soak ran out of time before reaching its kill and fault counts');
  process.exit(report.lost === 0 && report.duplicated === 0 && reached ? 0 : 1);
}
