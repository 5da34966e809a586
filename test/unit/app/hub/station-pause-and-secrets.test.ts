import { describe, expect, it } from 'vitest';
import { pauseRefusal } from '../../../../app/hub/station-pause';
import { maskSecretKeys, maskSecretValues, secretValues } from '../../../../app/hub/secret-mask';

describe('pauseRefusal', () => {
  const pause = { by: 'ana', reason: 'stock count' };
  it('refuses a scan that would start a picking, between pickings only', () => {
    for (const state of ['idle', 'loadFailed', 'done']) expect(pauseRefusal(pause, 'WH/OUT/00001', state)).toBe('Paused by ana: stock count');
    expect(pauseRefusal(pause, '4006381333931', { packing: 'scanning' })).toBeNull();
    expect(pauseRefusal(pause, 'WH/OUT/00001', 'weighing')).toBeNull();
  });
  it('lets command barcodes and an unpaused station through', () => {
    expect(pauseRefusal(pause, 'O-BTN.reprint', 'done')).toBeNull();
    expect(pauseRefusal(null, 'WH/OUT/00001', 'idle')).toBeNull();
  });
});

describe('secret masking', () => {
  const config = { odoo: { url: 'https://erp', apiKey: 'odoo-key-1234' }, hub: { url: 'https://hub', token: 'tok-abcdefghijklmnopqrstuvwxyz' }, list: [{ password: 'pw-secret' }], n: 3 };
  it('masks every secret key at any depth and keeps the rest', () => {
    expect(maskSecretKeys(config)).toEqual({ odoo: { url: 'https://erp', apiKey: '[secret]' }, hub: { url: 'https://hub', token: '[secret]' }, list: [{ password: '[secret]' }], n: 3 });
  });
  it('finds the secret values and masks them in free text', () => {
    const secrets = secretValues(config);
    expect(secrets.sort()).toEqual(['odoo-key-1234', 'pw-secret', 'tok-abcdefghijklmnopqrstuvwxyz']);
    expect(maskSecretValues('{"msg":"login with odoo-key-1234 failed"}', secrets)).toBe('{"msg":"login with [secret] failed"}');
  });
});
