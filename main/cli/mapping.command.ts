import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EASYPOST_TRACKING } from '../../app/carrier/tracking.easypost';
import { SHIPPO_TRACKING } from '../../app/carrier/tracking.shippo';
import { StationError } from '../../app/domain/errors';
import { renderMappingTable, withMappingTable, type MappingSources } from '../../app/recon/mapping-table';
import { EASYPOST_RECON_FIELDS } from '../../sync/recon/easypost-recon.fields';
import { ODOO_FIELD_MAPS } from '../../sync/recon/odoo-recon.fields';
import { SHIPPO_RECON_FIELDS } from '../../sync/recon/shippo-recon.fields';

/** The declarations the readers read by: the table is made of them, so it says what the code does. */
export const MAPPING_SOURCES: MappingSources = {
  odoo: ODOO_FIELD_MAPS,
  easypost: EASYPOST_RECON_FIELDS,
  shippo: SHIPPO_RECON_FIELDS,
  tracking: { easypost: EASYPOST_TRACKING, shippo: SHIPPO_TRACKING },
};

/** `station mapping`. */
export function runMapping(args: string[], write: (text: string) => void = (t) => process.stdout.write(t)): number {
  const { values } = parseArgs({ args, strict: true, options: { readme: { type: 'string' } } });
  const table = renderMappingTable(MAPPING_SOURCES);
  if (!values.readme) {
    write(`${table}\n`);
    return 0;
  }
  const updated = withMappingTable(readFileSync(values.readme, 'utf8'), table);
  if (updated === null) throw new StationError('CONFIG', `${values.readme} has no field-mapping section (its begin and end markers)`);
  writeFileSync(values.readme, updated);
  write(`${values.readme}: field mapping table written\n`);
  return 0;
}
