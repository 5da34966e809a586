import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../main/config/load-config';

const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
const jsonBlocks = [...README.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const env = { STATION_ODOO_API_KEY: 'k', STATION_CARRIER_API_KEY: 'k' };

describe('README', () => {
  it('shows a complete config example that the station accepts as written', () => {
    const example = jsonBlocks.find((b) => b.includes('"stationId"'));
    expect(example).toBeDefined();
    const config = resolveConfig(JSON.parse(example!), '/etc/station', env);
    expect(config.scale.protocol).toBe('toledo-8217');
  });

  it('shows a configurable-scale block that the station accepts', () => {
    const block = jsonBlocks.find((b) => b.includes('"configurable"'));
    expect(block).toBeDefined();
    const example = JSON.parse(jsonBlocks.find((b) => b.includes('"stationId"'))!) as Record<string, unknown>;
    const scale = (JSON.parse(`{${block!}}`) as { scale: unknown }).scale;
    const config = resolveConfig({ ...example, scale }, '/etc/station', env);
    expect(config.scale.configurable?.pattern).toContain('(?<weight>');
  });
});
