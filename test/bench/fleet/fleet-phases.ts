/**
 * The fleet bench's three measurements, the same for one hub or several: the hubs' cost and the fleet view's latency
 * under the stations' steady load, commands' round trips, and the reconnect storm after the hubs restart.
 */
import { loadavg } from 'node:os';
import type { HubCommand } from '../../../app/hub/hub-protocol.schema';
import type { FleetViewer } from './fleet-viewer';
import type { HubProcess } from './hub-process';
import { cpuMeter, memoryOf, ProcessSampler } from './proc-stats';
import { probeHub } from './hub-probe';
import type { StationSwarm } from './station-swarm';
import type { SwarmCounters } from './swarm-protocol';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface LoadResult {
  seconds: number;
  hubs: { hubId: string; steadyRssMb: number; peakRssMb: number; cpuPercent: number; answerMs: number[] }[];
  /** status-to-row latencies (ms) per group the viewer was given. */
  latencies: Map<string, number[]>;
  counters: SwarmCounters;
  /** Statuses the stations sent in the window. */
  statusesSent: number;
  /** Rows the viewer received that failed `FleetStationSchema`. */
  invalidRows: number;
  /** The shared servers' CPU over the window (% of one core). */
  servers: { name: string; cpuPercent: number }[];
  /** The machine's 1-minute load average as the window closed (others share it). */
  loadAverage: number;
}

/** A server the hubs share (Redis, PostgreSQL), measured by its CPU seconds. */
export interface SharedServer {
  name: string;
  cpuSeconds: () => number;
}

/** The steady load for `windowMs`: hub CPU and memory from /proc, the viewer's latencies, the stations' counters. */
export async function steadyLoad(
  hubs: readonly HubProcess[],
  swarm: StationSwarm,
  viewer: FleetViewer,
  windowMs: number,
  servers: readonly SharedServer[],
): Promise<LoadResult> {
  await swarm.counters();
  const samplers = hubs.map((hub) => new ProcessSampler(hub.pid));
  for (const sampler of samplers) sampler.start();
  const meters = servers.map((server) => ({ name: server.name, meter: cpuMeter(server.cpuSeconds) }));
  const probes = hubs.map((hub) => probeHub(hub.url));
  const from = Date.now();
  viewer.measure(from, Number.POSITIVE_INFINITY);
  await sleep(windowMs);
  const to = Date.now();
  viewer.endWindow(to);
  const stats = samplers.map((s) => s.stop());
  const serverCpu = meters.map(({ name, meter }) => ({ name, cpuPercent: meter.stop() }));
  const answers = await Promise.all(probes.map((p) => p.stop()));
  // Rows for statuses sent just before the window closed are still on their way.
  await sleep(3_000);
  const counters = await swarm.counters({ from, to });
  return {
    seconds: stats[0]?.seconds ?? windowMs / 1000,
    hubs: hubs.map((hub, i) => ({ hubId: hub.config.hubId, ...(stats[i] ?? { steadyRssMb: NaN, peakRssMb: NaN, cpuPercent: NaN }), answerMs: answers[i] ?? [] })),
    latencies: new Map(viewer.latencies),
    counters,
    statusesSent: counters.statusSentInWindow,
    invalidRows: viewer.invalidRows,
    servers: serverCpu,
    loadAverage: loadavg()[0] ?? NaN,
  };
}

/** `count` commands one after another through the HTTP API, alternating diagnostics and resume, over `stationIds`. */
export async function commandRoundTrips(viewer: FleetViewer, stationIds: readonly string[], count: number): Promise<{ ms: number[]; failures: string[] }> {
  const ms: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const stationId = stationIds[(i * 7919) % stationIds.length];
    if (stationId === undefined) break;
    const command: HubCommand = i % 2 === 0 ? { kind: 'diagnostics' } : { kind: 'station.resume' };
    const result = await viewer.command(stationId, command);
    if (result.ok) ms.push(result.ms);
    else failures.push(`${stationId} ${command.kind}: ${result.error ?? 'not ok'}`);
  }
  return { ms, failures };
}

export interface StormResult {
  /** SIGTERM to exit, per hub. */
  stopMs: number[];
  killed: boolean;
  /** Start to answering HTTP, per hub. */
  startMs: number[];
  /** From starting the hubs again to the last station connected (the stations' own connect events). */
  recoveredMs: number;
  /** From the hubs answering HTTP again to the last station connected. */
  recoveredAfterReadyMs: number;
  /** From starting the hubs again to `/api/fleet` showing every station online. */
  fleetShowsAllMs: number;
  /** Stations connected again within the goal's 30 s of the restart. */
  backWithinGoal: number;
  /** Highest resident memory of the restarted hubs through the storm (MB). */
  peakRssMb: number[];
  /** The restarted hubs' CPU from their start to the end of the storm (% of one core, the busiest hub). */
  cpuPercent: number;
  /** The restarted hubs' answers to GET /api/me through the storm (ms). */
  answerMs: number[];
  /** The stations' counters through the storm: handshake waits, failed attempts. */
  counters: SwarmCounters;
  onlineAtEnd: number;
}

export const STORM_GOAL_MS = 30_000;
/** How long a hub may take to stop before it is killed (a service manager's patience: systemd's default is 90 s). */
const STOP_GRACE_MS = 60_000;

/** Stops every hub (SIGTERM), starts them again, and times until all stations are back. */
export async function reconnectStorm(hubs: readonly HubProcess[], swarm: StationSwarm, viewer: FleetViewer, timeoutMs: number): Promise<StormResult> {
  const stops = await Promise.all(hubs.map((hub) => hub.stop(STOP_GRACE_MS)));
  await swarm.counters();
  const restartAt = Date.now();
  const startMs = await Promise.all(hubs.map((hub) => hub.start()));
  const readyAt = Date.now();
  const samplers = hubs.map((hub) => new ProcessSampler(hub.pid));
  for (const sampler of samplers) sampler.start();
  const probes = hubs.map((hub) => probeHub(hub.url));
  let fleetShowsAllAt: number | null = null;
  let nextSnapshotAt = 0;
  while (Date.now() - restartAt < timeoutMs && (swarm.connectedSince(restartAt).count < swarm.size || fleetShowsAllAt === null)) {
    if (fleetShowsAllAt === null && Date.now() >= nextSnapshotAt) {
      nextSnapshotAt = Date.now() + 500;
      const snapshot = await viewer.snapshot().catch(() => null);
      if (snapshot && snapshot.stations.filter((s) => s.online).length >= swarm.size) fleetShowsAllAt = Date.now();
    }
    await sleep(50);
  }
  const cpu = samplers.map((s) => s.stop().cpuPercent);
  const answers = (await Promise.all(probes.map((p) => p.stop()))).flat();
  const back = swarm.connectedSince(restartAt);
  const all = back.count === swarm.size;
  return {
    stopMs: stops.map((s) => s.ms),
    killed: stops.some((s) => s.killed),
    startMs,
    recoveredMs: all ? back.latest - restartAt : NaN,
    recoveredAfterReadyMs: all ? back.latest - readyAt : NaN,
    fleetShowsAllMs: fleetShowsAllAt === null ? NaN : fleetShowsAllAt - restartAt,
    backWithinGoal: swarm.connectedSince(restartAt, restartAt + STORM_GOAL_MS).count,
    peakRssMb: hubs.map((hub) => memoryOf(hub.pid).peakMb),
    cpuPercent: Math.max(...cpu),
    answerMs: answers,
    counters: await swarm.counters(),
    onlineAtEnd: swarm.onlineCount,
  };
}
