import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, resolveConfig } from '../../../main/config/load-config';
import { createLog } from '../../../main/log';
import { minimalConfig } from '../../support/station-config-input';

const base = minimalConfig;

describe('station config', () => {
  it('takes secrets from the environment over the file and resolves the data dir against the config file', () => {
    const config = resolveConfig({ ...base, odoo: { ...base.odoo, apiKey: 'from-file' } }, '/etc/station', {
      STATION_ODOO_API_KEY: 'from-env',
      STATION_CARRIER_API_KEY: 'carrier-env',
    });
    expect(config.odoo.apiKey).toBe('from-env');
    expect(config.carrier.apiKey).toBe('carrier-env');
    expect(config.dataDir).toBe('/etc/station/data');
    expect(config.ui).toMatchObject({ host: '127.0.0.1', port: 8765, wedge: { enabled: true } });
    expect(config.scale.pollMs).toBe(200);
  });

  it('names the missing secret and the invalid field', () => {
    expect(() => resolveConfig(base, '/', {})).toThrow(/STATION_ODOO_API_KEY/);
    const bad = { ...base, labelPrinter: { url: 'http://printer', dpi: 203 } };
    expect(() => resolveConfig(bad, '/', { STATION_ODOO_API_KEY: 'k', STATION_CARRIER_API_KEY: 'k' })).toThrow(/labelPrinter\.url/);
  });

  it('accepts continuous output only for scales that stream', () => {
    const keys = { STATION_ODOO_API_KEY: 'k', STATION_CARRIER_API_KEY: 'k' };
    const mt = resolveConfig({ ...base, scale: { path: '/dev/ttyUSB0', protocol: 'mt-sics', output: 'continuous' } }, '/', keys);
    expect(mt.scale.output).toBe('continuous');
    expect(() => resolveConfig({ ...base, scale: { ...base.scale, output: 'continuous' } }, '/', keys)).toThrow(/scale\.output/);
  });

  it('reports unreadable and non-JSON files clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-config-'));
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/cannot read config file/);
    writeFileSync(join(dir, 'broken.json'), '{ "stationId": ');
    expect(() => loadConfigFile(join(dir, 'broken.json'))).toThrow(/not valid JSON/);
  });
});

describe('log', () => {
  it('never writes a secret, wherever it sits in the logged object', () => {
    let out = '';
    const sink = new Writable({ write: (chunk: Buffer, _enc, cb) => ((out += chunk.toString()), cb()) });
    const log = createLog({ level: 'info', destination: sink });
    log.info({ config: { odoo: { apiKey: 'sk-live-123' } }, apiKey: 'sk-live-456', headers: { authorization: 'Basic abc' } }, 'starting');
    log.info({ odoo: { password: 'hunter2' } }, 'auth');
    expect(out).toContain('[secret]');
    for (const secret of ['sk-live-123', 'sk-live-456', 'Basic abc', 'hunter2']) expect(out).not.toContain(secret);
  });
});
