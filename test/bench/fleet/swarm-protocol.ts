import { z } from 'zod';

/** Messages between the bench and its station swarm process (Node IPC), parsed on arrival like any other boundary. */
export const SwarmStationSchema = z.object({ url: z.string(), stationId: z.string(), token: z.string(), index: z.number().int() });
export type SwarmStation = z.infer<typeof SwarmStationSchema>;

export const ToSwarmSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    stations: z.array(SwarmStationSchema),
    pace: z.object({ statusEveryMs: z.number().positive(), ledgerEveryMs: z.number().positive(), backoffMaxMs: z.number().positive() }),
  }),
  /** `window`: also count the statuses sent within it (ms, the stations' clock). */
  z.object({ type: z.literal('counters'), window: z.object({ from: z.number(), to: z.number() }).optional() }),
  z.object({ type: z.literal('stop') }),
]);
export type ToSwarm = z.infer<typeof ToSwarmSchema>;

export const SwarmCountersSchema = z.object({
  statusSent: z.number().int(),
  statusSentInWindow: z.number().int(),
  ledgerOk: z.number().int(),
  ledgerFailed: z.number().int(),
  /** Ledger acknowledgement times since the last counters message (ms). */
  ledgerAckMs: z.array(z.number()),
  commands: z.number().int(),
  /** Open websocket → admitted on `/station`, per connection since the last counters message (ms). */
  admittedMs: z.array(z.number()),
  /** Failed connection attempts by socket.io's message, since the last counters message. */
  connectFailures: z.record(z.string(), z.number().int()),
  /** The swarm process's own event-loop delay p99 (ms): a busy load generator would inflate the hub's latencies. */
  loopDelayP99Ms: z.number(),
});
export type SwarmCounters = z.infer<typeof SwarmCountersSchema>;

export const FromSwarmSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connected'), stationId: z.string(), at: z.number() }),
  z.object({ type: z.literal('disconnected'), stationId: z.string(), reason: z.string(), at: z.number() }),
  z.object({ type: z.literal('refused'), stationId: z.string(), reason: z.string() }),
  z.object({ type: z.literal('counters'), counters: SwarmCountersSchema }),
  /** The stations are created and connecting (the process itself took a while to load). */
  z.object({ type: z.literal('started'), at: z.number() }),
  z.object({ type: z.literal('stopped') }),
]);
export type FromSwarm = z.infer<typeof FromSwarmSchema>;
