/**
 * Opt-in contract test against a REAL Odoo (16–19, with the Employees app `hr` installed; never in CI): the people
 * reader finds employees by badge with their PIN and their user's language, and supervisors by the XML id of an Odoo
 * group (check_object_reference, then `groups_id` on 16–18 / `all_group_ids` on 19), over the transport the version
 * speaks. It gives the API user's employee a badge and a PIN and adds one employee, and puts both back afterwards.
 *   ODOO_URL=http://127.0.0.1:19069 ODOO_DB=odoo19 ODOO_LOGIN=admin ODOO_API_KEY=<key> npx vitest run test/integration/people/odoo-people-contract.test.ts
 */
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OdooExec } from '../../../sync/odoo/odoo-exec';
import { OdooJsonRpcGateway } from '../../../sync/odoo/odoo.gateway';
import { readPeople } from '../../../sync/odoo/people.reader';

const env = { url: process.env.ODOO_URL, db: process.env.ODOO_DB, login: process.env.ODOO_LOGIN ?? 'admin', apiKey: process.env.ODOO_API_KEY };
const configured = Boolean(env.url && env.db && env.apiKey);
const TITLE = configured ? `people in a real Odoo at ${env.url ?? ''} (${env.db ?? ''})` : 'real Odoo people contract — skipped: set ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY to run it';

const stamp = Date.now().toString().slice(-8);
// Odoo takes a badge of letters and digits only, at most 18 (hr.employee `_verify_barcode`).
const SUPERVISOR_BADGE = `STNS${stamp}`;
const PACKER_BADGE = `STNP${stamp}`;
const undo: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of undo.reverse()) await step();
});

describe.skipIf(!configured)(TITLE, () => {
  it('reads badges, PINs, languages and supervisors by group', async () => {
    const gateway = new OdooJsonRpcGateway({ url: env.url ?? '', db: env.db ?? '', login: env.login, apiKey: env.apiKey ?? '', timeoutMs: 60_000 });
    const odoo: OdooExec & { uid: number } = await gateway.apiSession();
    const [own] = z
      .array(z.object({ id: z.number(), barcode: z.union([z.string(), z.literal(false)]), pin: z.union([z.string(), z.literal(false)]) }))
      .parse(await odoo.call('hr.employee', 'search_read', [[['user_id', '=', odoo.uid]]], { fields: ['barcode', 'pin'] }));
    if (!own) throw new Error('the API user has no employee: install the Employees app (hr) with demo data, or link one');
    await odoo.call('hr.employee', 'write', [[own.id], { barcode: SUPERVISOR_BADGE, pin: '4321' }]);
    undo.push(() => odoo.call('hr.employee', 'write', [[own.id], { barcode: own.barcode, pin: own.pin }]));
    const created = await odoo.call('hr.employee', 'create', [{ name: `Station packer ${stamp}`, barcode: PACKER_BADGE }]);
    const packerId = z.union([z.number(), z.array(z.number()).length(1)]).parse(created);
    undo.push(() => odoo.call('hr.employee', 'unlink', [typeof packerId === 'number' ? [packerId] : packerId]));

    const warnings: object[] = [];
    const log = { info: () => undefined, error: () => undefined, warn: (obj: object) => void warnings.push(obj) };
    const people = await readPeople(odoo, { supervisorBadges: [], supervisorGroups: ['stock.group_stock_manager', 'stock.no_such_group'], log });
    expect(people.find((p) => p.badge === SUPERVISOR_BADGE)).toMatchObject({ id: `employee:${own.id}`, role: 'supervisor', pin: '4321', language: 'en' });
    expect(people.find((p) => p.badge === PACKER_BADGE)).toMatchObject({ name: `Station packer ${stamp}`, role: 'packer', pin: null, language: null });
    expect(warnings).toEqual([expect.objectContaining({ group: 'stock.no_such_group' })]);
  });
});
