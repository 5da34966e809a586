import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const windows: { options: unknown; handlers: Record<string, (...a: unknown[]) => unknown>; openHandler?: (d: { url: string }) => unknown }[] = [];
  class BrowserWindow {
    webContents: { setWindowOpenHandler: (h: (d: { url: string }) => unknown) => void; on: (ev: string, h: (...a: unknown[]) => unknown) => void };
    constructor(options: unknown) {
      const record: (typeof windows)[number] = { options, handlers: {} };
      windows.push(record);
      this.webContents = {
        setWindowOpenHandler: (h) => (record.openHandler = h),
        on: (ev, h) => (record.handlers[ev] = h),
      };
    }
    once() {}
  }
  return {
    windows,
    BrowserWindow,
    protocolHandlers: {} as Record<string, (req: Request) => Promise<Response>>,
    exposed: {} as Record<string, unknown>,
    invoke: vi.fn(),
  };
});

vi.mock('electron', () => ({
  app: { enableSandbox: vi.fn(), whenReady: vi.fn(), getPath: vi.fn(), on: vi.fn() },
  BrowserWindow: electron.BrowserWindow,
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  net: { fetch: vi.fn(async () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } })) },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: (scheme: string, h: (req: Request) => Promise<Response>) => (electron.protocolHandlers[scheme] = h),
  },
  safeStorage: { isEncryptionAvailable: () => false },
  shell: { openExternal: vi.fn() },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (electron.exposed[key] = api) },
  ipcRenderer: { invoke: electron.invoke, on: vi.fn(), removeListener: vi.fn() },
}));

const { createMainWindow, serveRenderer } = await import('../../../main/electron/electron.main');
const { registerIpc } = await import('../../../main/electron/electron-ipc');
const { EncryptedSecretStore } = await import('../../../main/secrets/encrypted-secret.store');

const view = { state: 'idle', message: 'Scan a picking', tone: 'info', picking: null, weight: null, expectedWeightG: null, lastLabel: null, actions: [] };

describe('Electron host', () => {
  beforeEach(() => electron.windows.splice(0));

  it('opens the window isolated, sandboxed, without Node, and refuses foreign navigation and popups', () => {
    createMainWindow('/app/preload.cjs');
    const win = electron.windows[0]!;
    expect(win.options).toMatchObject({
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/app/preload.cjs' },
    });
    const nav = { preventDefault: vi.fn() };
    win.handlers['will-navigate']!(nav, 'https://example.com/phish');
    expect(nav.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn() };
    win.handlers['will-navigate']!(own, 'station://app/index.html');
    expect(own.preventDefault).not.toHaveBeenCalled();
    expect(win.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('serves the renderer with a CSP header and refuses paths outside it', async () => {
    serveRenderer('/opt/station/renderer/dist');
    const handler = electron.protocolHandlers.station!;
    const ok = await handler(new Request('station://app/index.html'));
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    const escape = await handler(new Request('station://app/..%2F..%2F..%2Fetc%2Fpasswd'));
    expect(escape.status).toBe(403);
  });

  it('answers IPC only from the app origin and only with requests the contract accepts', async () => {
    const handlers: Record<string, (e: unknown, req: unknown) => Promise<unknown>> = {};
    const core = { handle: vi.fn(async () => ({ accepted: true })), subscribe: vi.fn() };
    registerIpc({ handle: (ch: string, h: never) => (handlers[ch] = h), removeHandler: vi.fn() } as never, core as never);
    const fromApp = { senderFrame: { url: 'station://app/index.html' } };
    await expect(handlers['packing:scan']!(fromApp, { code: 'WH/OUT/00001' })).resolves.toEqual({ accepted: true });
    expect(core.handle).toHaveBeenCalledWith('packing:scan', { code: 'WH/OUT/00001' });
    await expect(handlers['packing:scan']!(fromApp, { code: 42 })).rejects.toThrow();
    await expect(handlers['packing:scan']!({ senderFrame: { url: 'https://evil.example' } }, { code: 'x' })).rejects.toThrow(/refused/);
    expect(core.handle).toHaveBeenCalledTimes(1);
  });

  it('preload exposes window.station and validates replies against the contract', async () => {
    await import('../../../main/electron/preload');
    const api = electron.exposed.station as { invoke: (c: string, r: unknown) => Promise<unknown> };
    electron.invoke.mockResolvedValueOnce(view);
    await expect(api.invoke('packing:view', undefined)).resolves.toMatchObject({ state: 'idle' });
    electron.invoke.mockResolvedValueOnce({ nonsense: true });
    await expect(api.invoke('packing:view', undefined)).rejects.toThrow();
  });
});

describe('EncryptedSecretStore', () => {
  const cipher = (available: boolean) => ({
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
    decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
  });

  it('keeps keys encrypted at rest and reads them back', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
    const store = new EncryptedSecretStore(file, cipher(true));
    store.set('odoo', 'super-secret-api-key');
    expect(readFileSync(file, 'utf8')).not.toContain('super-secret-api-key');
    expect(store.get('odoo')).toBe('super-secret-api-key');
  });

  it('refuses to store anything when the OS offers no encryption', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
    expect(() => new EncryptedSecretStore(file, cipher(false)).set('odoo', 'k')).toThrow(/environment/);
  });
});
