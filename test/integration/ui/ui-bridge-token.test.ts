import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_PROTOCOL, BRIDGE_TOKEN_PROTOCOL_PREFIX, BridgeServerMessageSchema } from '../../../app/ipc/contract';
import { startUiServer, type UiServer } from '../../../main/headless/ui.server';
import { launchChromium, screenshotOnFailure, type LaunchedChromium } from '../../support/chromium';
import { bridgeProtocols } from './bridge-client';
import { ensureRendererBuilt } from './renderer-dist';
import { FakeStationCore } from './station-core.fake';

let server: UiServer;
let core: FakeStationCore;

beforeAll(async () => {
  core = new FakeStationCore();
  server = await startUiServer({ host: '127.0.0.1', port: 0, core, staticDir: await ensureRendererBuilt() });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** Opens a real WebSocket with the given subprotocols: resolves with the HTTP status of a refusal, or the open socket. */
function connect(protocols: string[] | undefined, headers: Record<string, string> = {}) {
  return new Promise<{ status: number } | { ws: WebSocket }>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, protocols, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ status: 0 }));
  });
}

describe('the bridge token', () => {
  it('is 256 random bits, new for each server', async () => {
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
    const other = await startUiServer({ host: '127.0.0.1', port: 0, core: new FakeStationCore(), staticDir: await ensureRendererBuilt() });
    expect(other.token).not.toBe(server.token);
    await other.close();
    expect(server.openUrl).toBe(`${server.url}/#token=${server.token}`);
  });

  it('refuses a WebSocket without a token, with a wrong one, or with the token but not the protocol', async () => {
    const wrongSameLength = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const protocols of [
      undefined,
      [BRIDGE_PROTOCOL],
      [BRIDGE_PROTOCOL, `${BRIDGE_TOKEN_PROTOCOL_PREFIX}${wrongSameLength}`],
      [BRIDGE_PROTOCOL, `${BRIDGE_TOKEN_PROTOCOL_PREFIX}${server.token.slice(0, -1)}`],
      [BRIDGE_PROTOCOL, `${BRIDGE_TOKEN_PROTOCOL_PREFIX}`],
      [`${BRIDGE_TOKEN_PROTOCOL_PREFIX}${server.token}`],
    ]) {
      expect(await connect(protocols), JSON.stringify(protocols)).toEqual({ status: 401 });
    }
    // Same-origin is no substitute: a local process can claim any Origin it likes.
    expect(await connect(undefined, { Origin: server.url })).toEqual({ status: 401 });
  });

  it('with the right token the bridge works, and the answer never echoes the token', async () => {
    const outcome = await connect(bridgeProtocols(server.token));
    if (!('ws' in outcome)) throw new Error(`refused with ${outcome.status}`);
    const { ws } = outcome;
    expect(ws.protocol).toBe(BRIDGE_PROTOCOL);
    const reply = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { kind?: string };
        if (message.kind === 'result') resolve(message);
      }),
    );
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'packing:scan', req: { code: 'LAMP-002' } }));
    expect(BridgeServerMessageSchema.parse(await reply)).toMatchObject({ kind: 'result', id: 1, ok: true });
    expect(core.scans).toContain('LAMP-002');
    ws.close();
  });

  it('guards /api/view (it names the customer) and leaves /api/status readable for monitoring', async () => {
    expect((await fetch(`${server.url}/api/view`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/view`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/view`, { headers: { Authorization: `Bearer ${server.token}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/status`)).status).toBe(200);
    // The page itself carries no token: only the printed link does.
    expect(await (await fetch(`${server.url}/`)).text()).not.toContain(server.token);
  });
});

describe('the page in Chromium', () => {
  let chromium: LaunchedChromium;
  beforeAll(async () => {
    chromium = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
  });

  it('connects from the printed link, drops the token from the address bar, and stays connected on reload', async () => {
    const { page } = chromium;
    try {
      await page.goto(server.openUrl);
      await expect.poll(() => page.getByTestId('link-state').getAttribute('data-link')).toBe('open');
      expect(page.url()).toBe(`${server.url}/`);
      await page.reload();
      await expect.poll(() => page.getByTestId('link-state').getAttribute('data-link')).toBe('open');
    } catch (err) {
      await screenshotOnFailure(page, 'ui-bridge-token');
      throw err;
    }
  });

  it('a tab opened on the bare URL is refused', async () => {
    const page = await chromium.browser.newPage();
    try {
      const refusals: number[] = [];
      page.on('websocket', (ws) => ws.on('socketerror', () => refusals.push(1)));
      await page.goto(server.url);
      await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.getByTestId('link-state').getAttribute('data-link')).not.toBe('open');
      // The packer is told what to do, not left looking at "reconnecting…".
      expect(await page.getByTestId('link-banner').textContent()).toContain('open the UI with the link the station printed');
    } finally {
      await page.close();
    }
  });
});
