/**
 * The simulated stations' own process (forked by the fleet bench), so that the hub's CPU and memory are measured
 * apart from the load that drives them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SimulatedStation, type StationObserver } from './simulated-station';
import { ToSwarmSchema, type FromSwarm, type SwarmCounters } from './swarm-protocol';

const send = (message: FromSwarm) => process.send?.(message);
const stations: SimulatedStation[] = [];
const loop = monitorEventLoopDelay({ resolution: 10 });
const fresh = () => ({ ledgerAckMs: [] as number[], admittedMs: [] as number[], connectFailures: {} as Record<string, number> });
const counters = { statusSent: 0, ledgerOk: 0, ledgerFailed: 0, commands: 0, ...fresh() };
/** When each status left, for counting those within a window (the last few minutes kept). */
let sentAt: number[] = [];

const observer: StationObserver = {
  connected: (stationId) => send({ type: 'connected', stationId, at: Date.now() }),
  disconnected: (stationId, reason) => send({ type: 'disconnected', stationId, reason, at: Date.now() }),
  refused: (stationId, reason) => send({ type: 'refused', stationId, reason }),
  connectFailed: (message) => void (counters.connectFailures[message] = (counters.connectFailures[message] ?? 0) + 1),
  admitted: (ms) => void counters.admittedMs.push(ms),
  statusSent: () => {
    counters.statusSent += 1;
    sentAt.push(Date.now());
  },
  ledgerAcked: (ms, ok) => {
    counters.ledgerAckMs.push(ms);
    if (ok) counters.ledgerOk += 1;
    else counters.ledgerFailed += 1;
  },
  commandAnswered: () => void (counters.commands += 1),
};

process.on('message', (raw) => {
  const message = ToSwarmSchema.parse(raw);
  switch (message.type) {
    case 'start':
      loop.enable();
      for (const s of message.stations) {
        const station = new SimulatedStation(s.url, s, message.pace, observer);
        stations.push(station);
        station.start();
      }
      send({ type: 'started', at: Date.now() });
      return;
    case 'counters': {
      const window = message.window;
      const statusSentInWindow = window ? sentAt.filter((at) => at >= window.from && at <= window.to).length : 0;
      const reply: SwarmCounters = { ...counters, statusSentInWindow, loopDelayP99Ms: loop.percentile(99) / 1e6 };
      send({ type: 'counters', counters: reply });
      Object.assign(counters, fresh());
      sentAt = sentAt.filter((at) => at > Date.now() - 300_000);
      loop.reset();
      return;
    }
    case 'stop':
      for (const station of stations) station.stop();
      send({ type: 'stopped' });
      setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
