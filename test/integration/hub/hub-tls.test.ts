/**
 * A hub with TLS (a self-signed certificate for 127.0.0.1 made by openssl): the fleet API and the station link over
 * https/wss, the session cookie marked Secure, and plain http refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { HUB_PROTOCOL_VERSION } from '../../../app/hub/hub-protocol.schema';
import { connected, startTestHub, type TestHub } from '../../support/hub-world';

let certDir: string;
let ca: string;
let hub: TestHub;

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'hub-tls-'));
  const [cert, key] = [join(certDir, 'cert.pem'), join(certDir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  ca = readFileSync(cert, 'utf8');
  hub = await startTestHub({ tls: { cert, key } }, { STATION_HUB_ADMIN_PASSWORD: 'first-admin-pass' });
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  rmSync(certDir, { recursive: true, force: true });
});

function post(path: string, body: unknown): Promise<{ status: number; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(`${hub.url}${path}`, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] }));
    });
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('hub over TLS', () => {
  it('serves the API over https with a Secure session cookie, and the station link over wss', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const login = await post('/api/login', { username: 'admin', password: 'first-admin-pass' });
    expect(login.status).toBe(200);
    expect(login.setCookie[0]).toMatch(/^hub_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);

    const token = await hub.store.tokens.issue('st-tls', Date.now());
    const station = io(`${hub.url}/station`, { auth: { stationId: 'st-tls', token, protocol: HUB_PROTOCOL_VERSION, version: '1.4.0' }, transports: ['websocket'], reconnection: false, ca });
    try {
      await connected(station);
    } finally {
      station.disconnect();
    }
    await expect(fetch(hub.url.replace('https:', 'http:') + '/api/me')).rejects.toThrow();
  });
});
