import { beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { BridgeServerMessageSchema, type BridgeServerMessage } from '../../../app/ipc/contract';
import { bridgeProtocols } from './bridge-client';
import { PackingViewSchema } from '../../../app/domain/packing-view.schema';
import { StationStatusSchema } from '../../../app/domain/status.schema';
import type { UiServer } from '../../../main/headless/ui.server';
import { chromiumUiPerFile } from './chromium-ui';
import { FakeStationCore, sampleStatus, sampleView } from './station-core.fake';

let core: FakeStationCore;
let server: UiServer;
let page: Page;
const pageErrors: string[] = [];

const uiTest = chromiumUiPerFile({ name: 'ui-server', core: () => new FakeStationCore() }, (ui) => {
  ({ core, server, page } = ui);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
});

beforeEach(async () => {
  core.view = sampleView();
  core.status = sampleStatus();
  core.scans.length = 0;
  core.commands.length = 0;
  pageErrors.length = 0;
  await page.goto(server.url);
  await page.getByTestId('picking-name').waitFor();
});

describe('packer screen in Chromium', () => {
  uiTest('renders the packing view', async () => {
    expect(await page.getByTestId('picking-name').textContent()).toBe('WH/OUT/00042');
    expect(await page.getByTestId('picking-customer').textContent()).toBe('Azure Interior');
    expect(await page.getByTestId('picking-carrier').textContent()).toBe('EasyPost USPS');
    expect(await page.getByTestId('parcel-index').textContent()).toContain('1');
    expect(await page.getByTestId('line-101').textContent()).toContain('Office Chair Black');
    expect(await page.getByTestId('line-101').textContent()).toContain('CHAIR-001');
    expect(await page.getByTestId('line-qty-101').textContent()).toBe('0 / 2');
    expect(await page.getByTestId('line-102').getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('weight').textContent()).toBe('1.234 kg');
    expect(await page.getByTestId('weight-stable').textContent()).toBe('STABLE');
    expect(await page.getByTestId('tracking-code').textContent()).toBe('9400100000000000000000');
    expect(await page.getByTestId('state-message').textContent()).toContain('Scan the items of WH/OUT/00042');
    expect(await page.getByTestId('state-message').getAttribute('data-tone')).toBe('info');
    expect(await page.getByTestId('action-pack').textContent()).toBe('Pack (F2)');
    expect(await page.getByTestId('action-cancel').isVisible()).toBe(true);
    expect(await page.getByTestId('action-retry').count()).toBe(0);
    expect(await page.getByTestId('link-state').getAttribute('data-link')).toBe('open');
    // The strict CSP must not have blocked anything the page needs (inline style, eval, …).
    expect(pageErrors).toEqual([]);
  });

  uiTest('a code typed in the scan field and Enter reaches the core and the view updates', async () => {
    const input = page.getByTestId('scan-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('CHAIR-001');
    await input.press('Enter');
    await expect.poll(() => core.scans).toEqual(['CHAIR-001']);
    await expect.poll(() => page.getByTestId('line-qty-101').textContent()).toBe('1 / 2');
    await expect.poll(() => page.getByTestId('scan-feedback').textContent()).toContain('Scanned CHAIR-001');
    expect(await input.inputValue()).toBe('');

    await input.fill('NOPE-999');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('state-message').getAttribute('data-tone')).toBe('error');
    expect(await page.getByTestId('state-message').textContent()).toContain('Unknown barcode NOPE-999');
    expect(await page.getByTestId('scan-feedback').textContent()).toContain('Unknown barcode NOPE-999');
  });

  uiTest('a pushed view update appears without a reload', async () => {
    await page.evaluate(() => ((window as { marker?: number }).marker = 1));
    core.setView({
      message: 'Printer out of paper',
      tone: 'error',
      state: 'printFailed',
      actions: ['retry', 'cancel'],
      weight: { grams: 850, stable: false, at: Date.now() },
    });
    await expect.poll(() => page.getByTestId('state-message').textContent()).toContain('Printer out of paper');
    expect(await page.getByTestId('state-message').getAttribute('data-tone')).toBe('error');
    expect(await page.getByTestId('weight').textContent()).toBe('850 g');
    expect(await page.getByTestId('weight-stable').textContent()).toContain('MOVING');
    expect(await page.getByTestId('action-pack').count()).toBe(0);
    expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);

    await page.getByTestId('action-retry').click();
    await expect.poll(() => core.commands).toEqual(['retry']);
  });

  uiTest('the supervisor panel shows sync, dead letters and devices', async () => {
    await page.getByTestId('tab-supervisor').click();
    expect(await page.getByTestId('station-id').textContent()).toBe('bench-07');
    expect(await page.getByTestId('machine-state').textContent()).toContain('scanningItems');
    expect(await page.getByTestId('sync-depth-odoo').textContent()).toBe('3');
    expect(await page.getByTestId('sync-age-odoo').textContent()).toBe('1 min');
    expect(await page.getByTestId('sync-error-odoo').textContent()).toContain('ECONNREFUSED');
    // An outage is waiting, not failing: the supervisor sees since when, and the row is a warning, not an error.
    expect(await page.getByTestId('sync-reach-odoo').textContent()).toMatch(/^Odoo unreachable since .+ — waiting$/);
    expect(await page.getByTestId('sync-odoo').getAttribute('data-tone')).toBe('warning');
    expect(await page.getByTestId('sync-reach-carrier').textContent()).toBe('yes');
    expect(await page.getByTestId('sync-depth-carrier').textContent()).toBe('0');
    await expect.poll(() => page.getByTestId('dead-letter-count').textContent()).toBe('2');
    expect(await page.getByTestId('dead-letter-7').textContent()).toContain('LOT-42');
    expect(await page.getByTestId('device-scale').getAttribute('data-state')).toBe('connected');
    expect(await page.getByTestId('scale-reading').textContent()).toContain('1.234 kg');
    expect(await page.getByTestId('scale-stable').textContent()).toBe('STABLE');
    expect(await page.getByTestId('device-label-printer-detail').textContent()).toBe('paper_out');

    core.deadLetters = [];
    core.status = { ...sampleStatus(), deadLetters: [] };
    core.push('station:status', core.status);
    await expect.poll(() => page.getByTestId('dead-letter-count').textContent()).toBe('0');
  });
});

describe('HTTP endpoints and the WebSocket bridge', () => {
  it('GET /api/status and /api/view return the contract JSON', async () => {
    const status = await fetch(`${server.url}/api/status`);
    expect(status.status).toBe(200);
    expect(status.headers.get('content-type')).toContain('application/json');
    expect(StationStatusSchema.parse(await status.json())).toEqual(sampleStatus());
    const view = await fetch(`${server.url}/api/view`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(PackingViewSchema.parse(await view.json()).picking?.name).toBe('WH/OUT/00042');
  });

  it('sends a strict Content-Security-Policy with every response', async () => {
    for (const path of ['/', '/api/status']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const html = await (await fetch(server.url)).text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}/${script}`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
  });

  it('answers malformed WebSocket messages with ok:false and keeps serving', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, bridgeProtocols(server.token));
    const replies: Extract<BridgeServerMessage, { kind: 'result' }>[] = [];
    ws.on('message', (data) => {
      const message = BridgeServerMessageSchema.parse(JSON.parse(String(data)));
      if (message.kind === 'result') replies.push(message);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

    ws.send('this is not json');
    ws.send(JSON.stringify({ kind: 'invoke', id: 5, channel: 'station:reboot', req: null }));
    ws.send(JSON.stringify({ kind: 'invoke', id: 6, channel: 'packing:scan', req: { code: '' } }));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    core.failNext = Object.assign(new Error('picking is locked'), { code: 'PICKING_LOCKED' });
    ws.send(JSON.stringify({ kind: 'invoke', id: 7, channel: 'packing:command', req: { action: 'pack' } }));
    ws.send(JSON.stringify({ kind: 'invoke', id: 8, channel: 'packing:scan', req: { code: 'LAMP-002' } }));

    await expect.poll(() => replies.length).toBe(6);
    const byId = (id: number) => replies.filter((r) => r.id === id);
    expect(byId(-1).map((r) => r.ok)).toEqual([false, false]);
    expect(byId(5)[0]).toMatchObject({ ok: false });
    expect(byId(6)[0]).toMatchObject({ ok: false, error: expect.stringContaining('packing:scan') });
    expect(byId(7)[0]).toMatchObject({ ok: false, error: 'PICKING_LOCKED: picking is locked' });
    expect(byId(8)[0]).toMatchObject({ ok: true, res: { accepted: true } });
    ws.close();

    const still = await fetch(`${server.url}/api/status`);
    expect(still.status).toBe(200);
  });

  it('subscribes once per connection and unsubscribes when it closes', async () => {
    const before = core.subscriberCount('packing:view');
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, bridgeProtocols(server.token));
    await new Promise((resolve) => ws.once('open', resolve));
    await expect.poll(() => core.subscriberCount('packing:view')).toBe(before + 1);
    ws.close();
    await expect.poll(() => core.subscriberCount('packing:view')).toBe(before);
  });
});
