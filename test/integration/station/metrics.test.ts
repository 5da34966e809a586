/**
 * `GET /metrics` on a real headless station (simulated devices, Odoo and carrier sandboxes over HTTP, a real SQLite
 * file): after one order is packed while Odoo refuses the first validation, the exposition parses as Prometheus text
 * and shows the drained outbox, deliveries and the failure by code, Odoo and carrier latency histograms, print jobs by
 * state and scale readings; the log follows the failed-then-delivered event by its id through its Odoo calls.
 */
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { startDemoWorld } from '../../../main/demo/demo.world';
import { packOrder, type DemoOrder } from '../../../main/demo/simulated-packer';
import { waitUntil } from '../../../main/demo/wait-for';
import { startHeadless } from '../../../main/headless/headless.host';
import { createLog } from '../../../main/log';
import { cleanupAfterEach } from '../../support/cleanup';
import { parsePromText, type PromText } from '../../support/prom-text';

const cleanups = cleanupAfterEach();

type LogLine = { msg: string; eventId?: number; method?: string; outcome?: string; remote?: string };

async function runningStation() {
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0 });
  cleanups.push(world.close);
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const headless = await startHeadless(world.config, { log: createLog({ level: 'debug', destination: sink }) });
  cleanups.push(headless.stop);
  return { world, headless, lines };
}

async function scrape(url: string): Promise<PromText> {
  // No bridge token: a Prometheus scraper does not have the one printed at start.
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePromText(await res.text());
}

const total = (text: PromText, name: string, labels: Record<string, string>) => text.find(name, labels).reduce((n, s) => n + s.value, 0);

it('serves the station metrics in Prometheus text format, and the log follows one event by its id', async () => {
  const { world, headless, lines } = await runningStation();
  const before = await scrape(headless.url);
  expect(before.find('station_sync_delivery_failures_total')).toEqual([]);
  expect(before.value('station_sync_deliveries_total', { target: 'odoo', station: 'demo-station-1' })).toBe(0);

  world.odoo.failNext(1, 'http500', { model: 'stock.picking', method: 'button_validate' });
  const [order] = world.odoo.createPickings(1) as DemoOrder[];
  await packOrder(headless.station, world, order!, 0);
  await waitUntil(() => world.odoo.picking(order!.id).state === 'done', 20_000, 'validation in Odoo');
  await waitUntil(() => headless.station.status().sync.every((t) => t.depth === 0), 10_000, 'outbox to drain');

  const text = await scrape(headless.url);
  expect(text.value('station_outbox_depth', { target: 'odoo' })).toBe(0);
  expect(text.value('station_outbox_oldest_pending_age_seconds', { target: 'odoo' })).toBe(0);
  expect(text.value('station_dead_letters_open', { target: 'odoo' })).toBe(0);
  // parcel.packed, label.bought and picking.validate, each acknowledged once; the refused validation counted by code.
  expect(text.value('station_sync_deliveries_total', { target: 'odoo' })).toBe(3);
  expect(text.value('station_sync_delivery_failures_total', { target: 'odoo', code: 'SERVER' })).toBe(1);

  expect(text.types.get('station_remote_request_duration_seconds')).toBe('histogram');
  expect(total(text, 'station_remote_request_duration_seconds_count', { remote: 'odoo', outcome: 'ok' })).toBeGreaterThan(5);
  expect(text.value('station_remote_request_duration_seconds_count', { remote: 'odoo', method: 'stock.picking.button_validate', outcome: 'SERVER' })).toBe(1);
  expect(total(text, 'station_remote_request_duration_seconds_count', { remote: 'carrier', method: 'POST /shipments/:id/buy', outcome: 'ok' })).toBe(1);
  const odooOk = { remote: 'odoo', method: 'stock.picking.button_validate', outcome: 'ok' };
  expect(text.value('station_remote_request_duration_seconds_bucket', { ...odooOk, le: '+Inf' })).toBe(
    text.value('station_remote_request_duration_seconds_count', odooOk),
  );

  expect(text.value('station_print_jobs', { state: 'queued' })).toBe(0);
  expect(total(text, 'station_print_jobs', {})).toBe(1);
  expect(text.value('station_scale_readings_total')).toBeGreaterThan(0);

  // One event end to end: the validation's refused Odoo call, the engine's retry, the accepted call, the delivery.
  const failedCall = lines.find((l) => l.msg === 'remote call' && l.method === 'stock.picking.button_validate' && l.outcome === 'SERVER');
  expect(failedCall?.eventId).toEqual(expect.any(Number));
  const story = lines.filter((l) => l.eventId === failedCall!.eventId).map((l) => (l.msg === 'remote call' ? `${l.method} ${l.outcome}` : l.msg));
  expect(story).toEqual(
    expect.arrayContaining(['stock.picking.button_validate SERVER', 'delivery failed, will retry', 'stock.picking.button_validate ok', 'event delivered']),
  );
  expect(story.indexOf('delivery failed, will retry')).toBeLessThan(story.indexOf('event delivered'));
}, 60_000);
