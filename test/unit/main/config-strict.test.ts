/**
 * What the config schema can refuse, it refuses before anything starts: unknown fields by name (a typo such as
 * `labelPrinter.ulr` is not silently ignored) and a UI host beyond loopback. The demo's generated config and the
 * README's examples (readme-config.test.ts) must still pass.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../../app/domain/errors';
import { loadConfigFile, resolveConfig } from '../../../main/config/load-config';
import { startDemoWorld } from '../../../main/demo/demo.world';
import { CONFIG_KEYS, minimalConfig } from '../../support/station-config-input';

const keys = CONFIG_KEYS;
const base = minimalConfig;

const failure = (raw: unknown): StationError => {
  try {
    resolveConfig(raw, '/etc/station', keys);
  } catch (error) {
    if (error instanceof StationError) return error;
    throw error;
  }
  throw new Error('the config was accepted');
};

describe('unknown config fields are refused by name', () => {
  it('labelPrinter.ulr: named, with the missing url beside it', () => {
    const error = failure({ ...base, labelPrinter: { ulr: 'tcp://10.0.0.9:9100', dpi: 203 } });
    expect(error.code).toBe('CONFIG');
    expect(error.message).toMatch(/unknown field labelPrinter\.ulr\b/);
    expect(error.message).toMatch(/labelPrinter\.url/);
  });

  it.each([
    [{ ...base, sycn: { maxAttempts: 3 } }, 'sycn'],
    [{ ...base, scale: { ...base.scale, stability: { mode: 'window', readingz: 5 } } }, 'scale.stability.readingz'],
    [{ ...base, ui: { wedge: { enable: false } } }, 'ui.wedge.enable'],
    [{ ...base, odoo: { ...base.odoo, apikey: 'x' } }, 'odoo.apikey'],
    [{ ...base, labels: { sscc: { companyPrefix: '0614141', extension: 1 } } }, 'labels.sscc.extension'],
  ])('%#: %s', (raw, field) => {
    expect(failure(raw).message).toContain(`unknown field ${field} `);
  });

  it('reports every unknown field at once, and still the other problems', () => {
    const message = failure({ ...base, colour: 'blue', scanner: { path: 'tcp://10.0.0.5:4001', prefx: ']C1' }, ui: { port: -1 } }).message;
    expect(message).toMatch(/unknown field colour /);
    expect(message).toMatch(/unknown field scanner\.prefx /);
    expect(message).toMatch(/ui\.port/);
  });

  it('a config file with a typo fails loadConfigFile, as `station run` starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-config-'));
    const file = join(dir, 'station.json');
    writeFileSync(file, JSON.stringify({ ...base, labelPrinter: { url: 'tcp://10.0.0.9:9100', dpii: 300 } }));
    expect(() => loadConfigFile(file, keys)).toThrow(/unknown field labelPrinter\.dpii/);
  });
});

describe('ui.host must be loopback, refused by the config schema', () => {
  it.each(['0.0.0.0', '10.0.8.5', 'pack-03.example.com', '::'])('%s is refused, naming ui.host', (host) => {
    const error = failure({ ...base, ui: { host } });
    expect(error.code).toBe('CONFIG');
    expect(error.message).toMatch(/ui\.host/);
    expect(error.message).toContain(`"${host}" is not a loopback address`);
  });

  it.each(['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])('%s is accepted', (host) => {
    expect(resolveConfig({ ...base, ui: { host } }, '/', keys).ui.host).toBe(host);
  });
});

describe('the demo builds a config the strict schema accepts', () => {
  it('with a slip printer and own labels', async () => {
    const world = await startDemoWorld({
      odooVersion: 18,
      scaleProtocol: 'configurable',
      uiPort: 0,
      slipPrinter: true,
      labels: { sscc: { companyPrefix: '0614141' }, packingList: true },
    });
    try {
      expect(world.config.scale.configurable).toBeDefined();
      expect(world.config.slipPrinter).toBeDefined();
      // The restart tests write the resolved config back to a file for `station run`: it must load again as is.
      expect(resolveConfig(JSON.parse(JSON.stringify(world.config)), '/', {}).labels).toEqual(world.config.labels);
    } finally {
      await world.close();
    }
  });
});
