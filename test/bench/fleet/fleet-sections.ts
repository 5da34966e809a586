/** The fleet bench's measurements as table sections, with the goals: < 300 MB per hub, p99 < 500 ms, storm < 30 s. */
import { cpus } from 'node:os';
import { STORM_GOAL_MS, type LoadResult, type StormResult } from './fleet-phases';
import { percentile, type Metric, type Section } from './fleet-report';

export const GOALS = { rssMb: 300, statusP99Ms: 500, stormMs: STORM_GOAL_MS } as const;

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const max = (values: readonly number[]) => values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);

export function loadMetrics(load: LoadResult, groups: readonly { group: string; label: string }[]): Metric[] {
  const metrics: Metric[] = [];
  for (const hub of load.hubs) {
    metrics.push(
      { name: `${hub.hubId} RSS steady (median over the window)`, value: hub.steadyRssMb, unit: 'MB', goal: GOALS.rssMb },
      { name: `${hub.hubId} RSS peak (VmHWM since start)`, value: hub.peakRssMb, unit: 'MB', goal: GOALS.rssMb },
      { name: `${hub.hubId} CPU (utime+stime, % of one core)`, value: hub.cpuPercent, unit: '%' },
      { name: `${hub.hubId} answers GET /api/me p99 (every 250 ms)`, value: percentile(hub.answerMs, 0.99), unit: 'ms' },
    );
  }
  for (const server of load.servers) metrics.push({ name: `${server.name} CPU (% of one core)`, value: server.cpuPercent, unit: '%' });
  let delivered = 0;
  for (const { group, label } of groups) {
    const samples = load.latencies.get(group) ?? [];
    delivered += samples.length;
    metrics.push(
      { name: `status → fleet row p50, ${label}`, value: percentile(samples, 0.5), unit: 'ms' },
      { name: `status → fleet row p99, ${label}`, value: percentile(samples, 0.99), unit: 'ms', goal: GOALS.statusP99Ms },
      { name: `status → fleet row max, ${label}`, value: max(samples), unit: 'ms' },
    );
  }
  metrics.push(
    { name: 'statuses sent in the window', value: load.statusesSent, unit: '' },
    { name: 'of them seen by the viewer', value: (100 * delivered) / Math.max(1, load.statusesSent), unit: '%' },
    { name: 'ledger ack p50', value: percentile(load.counters.ledgerAckMs, 0.5), unit: 'ms' },
    { name: 'ledger ack p99', value: percentile(load.counters.ledgerAckMs, 0.99), unit: 'ms' },
    { name: 'ledger batches acknowledged / failed', value: load.counters.ledgerOk, unit: `/ ${load.counters.ledgerFailed}` },
    { name: 'station processes event-loop delay p99', value: load.counters.loopDelayP99Ms, unit: 'ms' },
    { name: `machine load average (1 min, ${cpus().length} cores, shared)`, value: load.loadAverage, unit: '' },
  );
  return metrics;
}

export function commandMetrics(commands: { ms: number[]; failures: string[] }, label: string): Metric[] {
  return [
    { name: `command round trip p50, ${label}`, value: percentile(commands.ms, 0.5), unit: 'ms' },
    { name: `command round trip p99, ${label}`, value: percentile(commands.ms, 0.99), unit: 'ms' },
    { name: 'commands carried out / failed', value: commands.ms.length, unit: `/ ${commands.failures.length}` },
  ];
}

export function stormMetrics(storm: StormResult, stations: number): Metric[] {
  return [
    { name: 'hub exit after SIGTERM', value: max(storm.stopMs), unit: 'ms' },
    { name: 'hub start to answering HTTP', value: max(storm.startMs), unit: 'ms' },
    { name: `all ${stations} stations connected again (from restart)`, value: storm.recoveredMs, unit: 'ms', goal: GOALS.stormMs },
    { name: '… from the hub answering HTTP', value: storm.recoveredAfterReadyMs, unit: 'ms' },
    { name: '/api/fleet shows all online (from restart)', value: storm.fleetShowsAllMs, unit: 'ms', goal: GOALS.stormMs },
    { name: `stations connected again within ${GOALS.stormMs / 1000} s`, value: storm.backWithinGoal, unit: `/ ${stations}` },
    { name: 'handshake wait p50 (websocket open → admitted)', value: percentile(storm.counters.admittedMs, 0.5), unit: 'ms' },
    { name: 'handshake wait p99', value: percentile(storm.counters.admittedMs, 0.99), unit: 'ms' },
    { name: 'failed connection attempts through the storm', value: sum(Object.values(storm.counters.connectFailures)), unit: '' },
    { name: 'restarted hub CPU through the storm (% of one core)', value: storm.cpuPercent, unit: '%' },
    { name: 'restarted hub answers GET /api/me p99 / max', value: percentile(storm.answerMs, 0.99), unit: `ms / ${max(storm.answerMs).toFixed(0)} ms` },
    { name: 'peak RSS through the storm', value: max(storm.peakRssMb), unit: 'MB', goal: GOALS.rssMb },
  ];
}

export function section(title: string, metrics: Metric[], notes: string[] = []): Section {
  return { title, metrics, notes };
}
