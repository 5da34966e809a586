import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHubConfigFile, resolveHubConfig } from '../../../../main/hub/hub-config';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-config-'));
  dirs.push(dir);
  return dir;
};

describe('hub.json', () => {
  it('defaults, with dataDir relative to the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hub.json'), JSON.stringify({ dataDir: 'data' }));
    const config = loadHubConfigFile(join(dir, 'hub.json'), {});
    expect(config).toMatchObject({ hubId: 'hub-1', dataDir: join(dir, 'data'), listen: { host: '127.0.0.1', port: 8900 }, heartbeatSeconds: 10, alerts: { offlineMinutes: 5 } });
    expect(config.database).toBeUndefined();
    expect(config.redis).toBeUndefined();
  });

  it('database and redis URLs from the environment win over the file, and are validated the same', () => {
    const raw = { dataDir: 'd', database: { url: 'postgres://file/db' } };
    const env = { STATION_HUB_DATABASE_URL: 'postgres://env/db', STATION_HUB_REDIS_URL: 'redis://127.0.0.1:6380' };
    expect(resolveHubConfig(raw, '/srv', env)).toMatchObject({ database: { url: 'postgres://env/db' }, redis: { url: 'redis://127.0.0.1:6380' } });
    expect(() => resolveHubConfig(raw, '/srv', { STATION_HUB_REDIS_URL: 'http://nope' })).toThrow(/redis.url must be redis/);
  });

  it('names unknown fields, and refuses to listen off loopback without TLS', () => {
    expect(() => resolveHubConfig({ dataDir: 'd', hubid: 'x' }, '/srv', {})).toThrow(/unknown field hubid/);
    expect(() => resolveHubConfig({ dataDir: 'd', listen: { host: '0.0.0.0' } }, '/srv', {})).toThrow(/without tls/);
  });

  it('reads the TLS files relative to the file, and says which one is missing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cert.pem'), 'CERT');
    writeFileSync(join(dir, 'key.pem'), 'KEY');
    const config = resolveHubConfig({ dataDir: 'd', listen: { host: '0.0.0.0' }, tls: { cert: 'cert.pem', key: 'key.pem' } }, dir, {});
    expect(config.tls).toEqual({ cert: 'CERT', key: 'KEY' });
    expect(() => resolveHubConfig({ dataDir: 'd', tls: { cert: 'cert.pem', key: 'gone.pem' } }, dir, {})).toThrow(`TLS key ${join(dir, 'gone.pem')}`);
  });
});
