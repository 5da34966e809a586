/**
 * Electron host: the same composition root as the headless host, shown in a locked-down BrowserWindow.
 * Bundled by `npm run build:electron`; not run by `npm test` (the Electron binary is not downloadable everywhere).
 */
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, shell } from 'electron';
import { readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveConfig, SECRET_ENV } from '../config/load-config';
import { createStation } from '../bootstrap';
import { createLog } from '../log';
import { EncryptedSecretStore } from '../secrets/encrypted-secret.store';
import { forwardPushEvents, registerIpc } from './electron-ipc';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, secureWebPreferences } from './window-security';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** Serves renderer/dist under station://app with the CSP header; refuses paths outside it. */
export function serveRenderer(distDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(distDir, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
    if (!file.startsWith(distDir + sep)) return new Response('forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({ width: 1280, height: 860, show: false, webPreferences: secureWebPreferences(preloadPath) });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  return win;
}

async function startApp(): Promise<void> {
  const log = createLog();
  const configFile = process.env.STATION_CONFIG ?? join(app.getPath('userData'), 'station.json');
  const secrets = new EncryptedSecretStore(join(app.getPath('userData'), 'secrets.json'), safeStorage);
  const raw = JSON.parse(readFileSync(configFile, 'utf8')) as { odoo?: { apiKey?: string }; carrier?: { apiKey?: string } };
  const env = { ...process.env };
  // Keys given once (env or file) are kept encrypted by the OS; later starts need neither.
  for (const [name, envName, given] of [
    ['odoo', SECRET_ENV.odooApiKey, env[SECRET_ENV.odooApiKey] ?? raw.odoo?.apiKey],
    ['carrier', SECRET_ENV.carrierApiKey, env[SECRET_ENV.carrierApiKey] ?? raw.carrier?.apiKey],
  ] as const) {
    if (given) {
      if (safeStorage.isEncryptionAvailable()) secrets.set(name, given);
      env[envName] = given;
    } else {
      const stored = secrets.get(name);
      if (stored) env[envName] = stored;
    }
  }
  const config = resolveConfig(raw, join(configFile, '..'), env);
  // A token the hub rotates is kept encrypted like the API keys (no file in clear text, unlike the headless host).
  const hubTokens = { read: () => secrets.get('hubToken'), write: (token: string) => secrets.set('hubToken', token) };
  const station = createStation(config, { log, hubTokens });
  await station.start();
  const unregister = registerIpc(ipcMain, station.core);
  serveRenderer(join(app.getAppPath(), 'renderer', 'dist'));
  const win = createMainWindow(join(__dirname, 'preload.cjs'));
  const stopPush = forwardPushEvents(station.core, win.webContents);
  await win.loadURL(`${APP_ORIGIN}/index.html`);
  app.on('before-quit', (event) => {
    event.preventDefault();
    stopPush();
    unregister();
    void station.stop().finally(() => app.exit(0));
  });
}

if (process.versions.electron) {
  app.enableSandbox();
  void app.whenReady().then(startApp, (error: unknown) => {
    console.error(error);
    app.exit(1);
  });
}
