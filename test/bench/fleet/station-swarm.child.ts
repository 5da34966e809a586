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
const counters: SwarmCounters = { statusSent: 0, ledgerOk: 0, ledgerFailed: 0, ledgerAckMs: [], commands: 0, loopDelayP99Ms: 0 };

const observer: StationObserver = {
  connected: (stationId) => send({ type: 'connected', stationId, at: Date.now() }),
  disconnected: (stationId, reason) => send({ type: 'disconnected', stationId, reason, at: Date.now() }),
  refused: (stationId, reason) => send({ type: 'refused', stationId, reason }),
  statusSent: () => void (counters.statusSent += 1),
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
    case 'counters':
      send({ type: 'counters', counters: { ...counters, loopDelayP99Ms: loop.percentile(99) / 1e6 } });
      counters.ledgerAckMs = [];
      loop.reset();
      return;
    case 'stop':
      for (const station of stations) station.stop();
      send({ type: 'stopped' });
      setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
