import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS } from '../../../app/recon/canonical-fields';
import { MAPPING_BEGIN, MAPPING_END, renderMappingTable, withMappingTable } from '../../../app/recon/mapping-table';
import { MAPPING_SOURCES } from '../../../main/cli/mapping.command';

const README = join(__dirname, '../../../README.md');

describe('the field mapping table', () => {
  const table = renderMappingTable(MAPPING_SOURCES);

  it("in the README is the one the readers' declarations make (npm run docs:mapping)", () => {
    const readme = readFileSync(README, 'utf8');
    const section = readme.slice(readme.indexOf(MAPPING_BEGIN), readme.indexOf(MAPPING_END) + MAPPING_END.length);
    expect(section).toBe(table);
  });

  it('has a row per canonical field, and every status of both platforms', () => {
    for (const field of Object.keys(CANONICAL_FIELDS)) expect(table).toContain(`| \`${field}\` |`);
    for (const status of Object.keys(MAPPING_SOURCES.tracking.easypost.statuses)) expect(table).toContain(`| \`${status}\` | — |`);
    for (const status of Object.keys(MAPPING_SOURCES.tracking.shippo.statuses)) expect(table).toContain(`| \`${status}\` | — |`);
  });

  it('groups Odoo versions that read a field alike, and names each version where they differ', () => {
    const weight = table.split('\n').find((line) => line.startsWith('| `picking.weight`')) ?? '';
    expect(weight).toMatch(/16: .*shipping_weight/);
    expect(weight).toMatch(/18–19: /);
  });

  it('replaces only its own section, and says so when the markers are missing', () => {
    const doc = `intro\n${MAPPING_BEGIN}\nold\n${MAPPING_END}\noutro`;
    expect(withMappingTable(doc, 'NEW')).toBe('intro\nNEW\noutro');
    expect(withMappingTable('no markers', 'NEW')).toBeNull();
  });
});
