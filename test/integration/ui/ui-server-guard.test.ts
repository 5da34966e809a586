import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startUiServer, type UiServer } from '../../../main/headless/ui.server';
import { FakeStationCore } from './station-core.fake';
import { bridgeProtocols } from './bridge-client';

let root: string;
let staticDir: string;
let server: UiServer;

/** fetch() normalises `..` away, so traversal attempts need a raw request with the path exactly as written. */
function rawGet(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function wsOutcome(path: string, headers: Record<string, string> = {}, protocols = bridgeProtocols(server.token)) {
  return new Promise<'open' | number>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ui-guard-'));
  staticDir = join(root, 'dist');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(staticDir, 'assets', 'app-abc123.js'), 'export {};');
  await writeFile(join(root, 'secret.txt'), 'TOP SECRET');
  server = await startUiServer({ host: '127.0.0.1', port: 0, core: new FakeStationCore(), staticDir });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('UI server hardening', () => {
  it('serves index.html and fingerprinted assets with content types and caching', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('never serves files outside the static directory', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/index.html%00.js',
      '/assets',
      '/missing.js',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('TOP SECRET');
    }
    expect((await rawGet('/%E0%A4%A')).status).toBe(400);
  });

  it('answers only GET and HEAD', async () => {
    expect((await rawGet('/api/status', {}, 'POST')).status).toBe(405);
    expect((await rawGet('/', {}, 'HEAD')).status).toBe(200);
  });

  it('refuses requests for other host names (DNS rebinding)', async () => {
    expect((await rawGet('/api/status', { Host: 'evil.example' })).status).toBe(421);
    expect((await rawGet('/api/status', { Host: `localhost:${server.port}` })).status).toBe(200);
    expect(await wsOutcome('/ws', { Host: 'evil.example' })).toBe(403);
  });

  it('refuses WebSocket upgrades from foreign origins and other paths', async () => {
    expect(await wsOutcome('/ws', { Origin: 'http://evil.example' })).toBe(403);
    expect(await wsOutcome('/socket')).toBe(403);
    expect(await wsOutcome('/ws', { Origin: `http://127.0.0.1:${server.port}` })).toBe('open');
  });

  it('refuses to bind beyond loopback unless allowRemote is set', async () => {
    const core = new FakeStationCore();
    await expect(startUiServer({ host: '0.0.0.0', port: 0, core, staticDir })).rejects.toThrow(/non-loopback/);
    await expect(startUiServer({ host: '192.168.1.10', port: 0, core, staticDir })).rejects.toThrow(/non-loopback/);
  });

  it('fails clearly when the renderer was not built', async () => {
    const core = new FakeStationCore();
    await expect(startUiServer({ host: '127.0.0.1', port: 0, core, staticDir: join(root, 'nope') })).rejects.toThrow(
      /build:renderer/,
    );
  });

  it('close() terminates open sockets', async () => {
    const extra = await startUiServer({ host: '127.0.0.1', port: 0, core: new FakeStationCore(), staticDir });
    const ws = new WebSocket(`ws://127.0.0.1:${extra.port}/ws`, bridgeProtocols(extra.token));
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise((resolve) => ws.once('close', resolve));
    await extra.close();
    await closed;
    await expect(fetch(`${extra.url}/`)).rejects.toThrow();
  });
});
