/**
 * The station's registry over fake sources: SQLite-backed gauges read on each scrape, delivery outcomes by code,
 * remote-call latency, scale readings, one registry per station, and remote calls logged with the event they serve.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxEvent, ScaleReading } from '../../../app/domain';
import { StationError } from '../../../app/domain/errors';
import { ListenerSet } from '../../../app/events/listener-set';
import { timedCall } from '../../../sync/http/remote-call-timing';
import { routeOf } from '../../../sync/http/rest-route';
import { createStationMetrics, type StationMetricSources } from '../../../main/metrics/station-metrics';
import { parsePromText } from '../../support/prom-text';

const event = (id: number): OutboxEvent => ({
  id,
  target: 'odoo',
  orderKey: 'picking:7',
  payload: { type: 'picking.validate', pickingId: 7 },
  attempts: 0,
  answeredFailures: 0,
  createdAt: 0,
});

function fakeSources() {
  const state = {
    outbox: [
      { target: 'odoo' as const, depth: 3, oldestPendingAgeMs: 4_500 },
      { target: 'carrier' as const, depth: 0, oldestPendingAgeMs: null },
    ],
    deadLetters: { odoo: 2 } as Record<string, number>,
    printJobs: { confirmed: 5, uncertain: 1 } as Record<string, number>,
    reads: 0,
  };
  const sources: StationMetricSources = {
    outbox: () => {
      state.reads += 1;
      return state.outbox;
    },
    openDeadLetters: () => state.deadLetters,
    printJobsByState: () => state.printJobs,
  };
  return { state, sources };
}

const scrape = async (metrics: ReturnType<typeof createStationMetrics>) => parsePromText((await metrics.scrape()).body);

describe('station metrics', () => {
  it('reads outbox, dead letters and print jobs from their sources on each scrape, not before', async () => {
    const { state, sources } = fakeSources();
    const metrics = createStationMetrics({ stationId: 'bench-1', sources });
    expect(state.reads).toBe(0);

    let text = await scrape(metrics);
    expect(text.value('station_outbox_depth', { target: 'odoo', station: 'bench-1' })).toBe(3);
    expect(text.value('station_outbox_oldest_pending_age_seconds', { target: 'odoo' })).toBe(4.5);
    expect(text.value('station_outbox_oldest_pending_age_seconds', { target: 'carrier' })).toBe(0);
    expect(text.value('station_dead_letters_open', { target: 'odoo' })).toBe(2);
    expect(text.value('station_dead_letters_open', { target: 'carrier' })).toBe(0);
    expect(text.value('station_print_jobs', { state: 'confirmed' })).toBe(5);
    expect(text.value('station_print_jobs', { state: 'queued' })).toBe(0);
    expect(text.types.get('station_print_jobs')).toBe('gauge');

    state.outbox[0]!.depth = 0;
    state.deadLetters = {};
    text = await scrape(metrics);
    expect(text.value('station_outbox_depth', { target: 'odoo' })).toBe(0);
    expect(text.value('station_dead_letters_open', { target: 'odoo' })).toBe(0);
  });

  it('counts deliveries per target and failures per StationError code, and rethrows the failure', async () => {
    const metrics = createStationMetrics({ stationId: 's', sources: fakeSources().sources });
    const outcomes: unknown[] = [undefined, new StationError('TIMEOUT', 'slow'), new StationError('TIMEOUT', 'slow'), new Error('bug')];
    const deliver = metrics.deliverer('odoo', async () => {
      const next = outcomes.shift();
      if (next !== undefined) throw next;
    });
    expect((await scrape(metrics)).value('station_sync_deliveries_total', { target: 'odoo' })).toBe(0);

    await deliver(event(1));
    for (const id of [2, 3, 4]) await expect(deliver(event(id))).rejects.toThrow();
    const text = await scrape(metrics);
    expect(text.value('station_sync_deliveries_total', { target: 'odoo' })).toBe(1);
    expect(text.value('station_sync_delivery_failures_total', { target: 'odoo', code: 'TIMEOUT' })).toBe(2);
    expect(text.value('station_sync_delivery_failures_total', { target: 'odoo', code: 'UNKNOWN' })).toBe(1);
  });

  it('keeps a latency histogram per remote, call and outcome, fed through the transports’ timing helper', async () => {
    const metrics = createStationMetrics({ stationId: 's', sources: fakeSources().sources });
    await timedCall(metrics.observeRemoteCall, 'odoo', 'stock.picking.read', async () => 'ok');
    await timedCall(metrics.observeRemoteCall, 'odoo', 'stock.picking.read', async () => 'ok');
    await expect(
      timedCall(metrics.observeRemoteCall, 'carrier', `POST ${routeOf('/shipments/shp_9/buy')}`, async () => {
        throw new StationError('RATE_LIMITED', '429');
      }),
    ).rejects.toThrow('429');

    const text = await scrape(metrics);
    expect(text.types.get('station_remote_request_duration_seconds')).toBe('histogram');
    expect(text.value('station_remote_request_duration_seconds_count', { remote: 'odoo', method: 'stock.picking.read', outcome: 'ok' })).toBe(2);
    expect(text.value('station_remote_request_duration_seconds_bucket', { remote: 'odoo', method: 'stock.picking.read', le: '+Inf' })).toBe(2);
    expect(text.value('station_remote_request_duration_seconds_count', { remote: 'carrier', method: 'POST /shipments/:id/buy', outcome: 'RATE_LIMITED' })).toBe(1);
  });

  it('counts scale readings until unsubscribed', async () => {
    const metrics = createStationMetrics({ stationId: 's', sources: fakeSources().sources });
    const readings = new ListenerSet<ScaleReading>();
    const off = metrics.countReadings({ onReading: (listener) => readings.add(listener) });
    const reading: ScaleReading = { grams: 100, stable: true, at: 0 };
    readings.emit(reading);
    readings.emit(reading);
    off();
    readings.emit(reading);
    expect((await scrape(metrics)).value('station_scale_readings_total')).toBe(2);
  });

  it('counts a batch by the events it acknowledged and its failure by code; each event part names its event', async () => {
    const lines: { eventId?: number; method: string }[] = [];
    const metrics = createStationMetrics({ stationId: 's', sources: fakeSources().sources, log: { debug: (o) => lines.push(o as never), warn: () => undefined } });
    const batch = metrics.deliverer('odoo', {
      maxBatch: 10,
      deliverMany: async (events, scope) => {
        for (const e of events.slice(0, 2)) await scope!(e, () => timedCall(metrics.observeRemoteCall, 'odoo', `call.${e.id}`, async () => true));
        return { done: 2, error: new StationError('CONFLICT', 'changed in Odoo') };
      },
    });
    expect(await batch.deliverMany([event(7), event(8), event(9)])).toMatchObject({ done: 2 });
    const text = await scrape(metrics);
    expect(text.value('station_sync_deliveries_total', { target: 'odoo' })).toBe(2);
    expect(text.value('station_sync_delivery_failures_total', { target: 'odoo', code: 'CONFLICT' })).toBe(1);
    expect(lines.filter((l) => l.method.startsWith('call.')).map((l) => [l.method, l.eventId])).toEqual([['call.7', 7], ['call.8', 8]]);
  });

  it('gives each station its own registry, so two in one process do not collide', async () => {
    const a = createStationMetrics({ stationId: 'a', sources: fakeSources().sources });
    const b = createStationMetrics({ stationId: 'b', sources: fakeSources().sources });
    await a.deliverer('odoo', async () => undefined)(event(1));
    expect((await scrape(a)).value('station_sync_deliveries_total', { target: 'odoo' })).toBe(1);
    expect((await scrape(b)).find('station_sync_deliveries_total')).toEqual([]);
  });

  it('leaves a failing source without samples and still serves the rest', async () => {
    const { sources } = fakeSources();
    const warnings: object[] = [];
    const metrics = createStationMetrics({
      stationId: 's',
      sources: { ...sources, printJobsByState: () => { throw new Error('database closed'); } },
      log: { debug: () => undefined, warn: (obj) => warnings.push(obj) },
    });
    const text = await scrape(metrics);
    expect(text.find('station_print_jobs')).toEqual([]);
    expect(text.value('station_outbox_depth', { target: 'odoo' })).toBe(3);
    expect(warnings).toEqual([expect.objectContaining({ metric: 'station_print_jobs', err: 'database closed' })]);
  });

  it('logs every remote call made during a delivery with the event id, and calls outside one without', async () => {
    const lines: Record<string, unknown>[] = [];
    const metrics = createStationMetrics({
      stationId: 's',
      sources: fakeSources().sources,
      log: { debug: (obj) => lines.push(obj as Record<string, unknown>), warn: () => undefined },
    });
    const deliver = metrics.deliverer('odoo', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await timedCall(metrics.observeRemoteCall, 'odoo', 'stock.picking.button_validate', async () => true);
    });
    await Promise.all([deliver(event(41)), deliver(event(42))]);
    await timedCall(metrics.observeRemoteCall, 'odoo', 'common.version', async () => ({}));

    expect(lines.filter((l) => l.method === 'stock.picking.button_validate').map((l) => l.eventId).sort()).toEqual([41, 42]);
    expect(lines.find((l) => l.method === 'common.version')).not.toHaveProperty('eventId');
    expect(lines[0]).toMatchObject({ remote: 'odoo', outcome: 'ok', orderKey: 'picking:7', type: 'picking.validate' });
  });

  it('names carrier routes without their ids', () => {
    expect(routeOf('/shipments')).toBe('/shipments');
    expect(routeOf('/shipments/shp_1/buy')).toBe('/shipments/:id/buy');
    expect(routeOf('/shipments/shp_1/label?file_format=ZPL')).toBe('/shipments/:id/label');
    expect(routeOf('/trackers/trk_2')).toBe('/trackers/:id');
  });
});
