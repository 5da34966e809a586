/**
 * The platforms' field declarations against what the platforms recorded and what the sandboxes serve: the EasyPost
 * columns the reader needs are among the shipment report's recorded default columns, the sandboxes write every column
 * a reader declares, each declaration names its columns, and the sandbox's Report object is the recorded one.
 */
import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS } from '../../../app/recon/canonical-fields';
import { EASYPOST_RECON_FIELDS, INVOICE_COLUMNS, SHIPMENT_COLUMNS } from '../../../sync/recon/easypost-recon.fields';
import { CORE_RATE_FIELDS, INVOICE_V1_COLUMNS, SHIPPO_RECON_FIELDS, TRANSACTION_FIELDS } from '../../../sync/recon/shippo-recon.fields';
import { BillingLedger, ReportFaults } from '../../../sync/sim/carrier/carrier-billing.sim';
import { EasyPostReports, INVOICE_REPORT_COLUMNS, SHIPMENT_REPORT_COLUMNS } from '../../../sync/sim/carrier/carrier-reports.sim';
import { SandboxStore } from '../../../sync/sim/carrier/carrier-store.sim';
import { TrackerStore } from '../../../sync/sim/carrier/carrier-tracker.sim';
import { INVOICE_V1_COLUMNS as SANDBOX_INVOICE_V1 } from '../../../sync/sim/carrier/shippo/shippo-reporting.sim';
import { readCassette } from '../sync/carrier/cassette.fixture';

const mentions = (map: Record<string, string>, names: readonly string[]): string[] => names.filter((n) => !Object.values(map).some((where) => where.includes(n)));

describe('EasyPost', () => {
  it("the shipment report columns read are among EasyPost's recorded default columns", () => {
    const [created] = readCassette('test_report_create_with_additional_columns.yaml');
    const recorded = String((created?.body as { columns: string }).columns).split(',');
    expect(recorded).toContain('usps_zone');
    expect(Object.values(SHIPMENT_COLUMNS).filter((c) => !recorded.includes(c))).toEqual([]);
  });

  it('the sandbox writes every column the reader declares, and each declaration names its column', () => {
    expect(Object.values(SHIPMENT_COLUMNS).filter((c) => !(SHIPMENT_REPORT_COLUMNS as readonly string[]).includes(c))).toEqual([]);
    expect(Object.values(INVOICE_COLUMNS).filter((c) => !(INVOICE_REPORT_COLUMNS as readonly string[]).includes(c))).toEqual([]);
    // Size columns feed only the reason's wording; every other column is named in the declarations.
    const named = [...Object.values(SHIPMENT_COLUMNS), ...Object.values(INVOICE_COLUMNS).filter((c) => !/(length|width|height)$/.test(c))];
    expect(mentions(EASYPOST_RECON_FIELDS, named)).toEqual([]);
    expect(Object.keys(EASYPOST_RECON_FIELDS).filter((k) => !(k in CANONICAL_FIELDS))).toEqual([]);
  });

  it("the sandbox's Report object has the recorded fields; it is new on creation and retrieved by id alone", () => {
    const [recorded] = readCassette('test_report_create_report.yaml');
    const [, retrieved] = readCassette('test_report_retrieve_shipment_report.yaml');
    expect(retrieved?.uri).toMatch(/\/v2\/reports\/shprep_[0-9a-f]{32}$/);
    const reports = new EasyPostReports(new SandboxStore({ deferZplConversion: false }, new TrackerStore(() => null)), new BillingLedger(), new ReportFaults());
    const made = reports.create('shipment', { start_date: '2022-05-04', end_date: '2022-05-04' });
    expect(made.status).toBe(recorded?.status);
    expect(Object.keys(made.body as object).sort()).toEqual(Object.keys(recorded?.body as object).sort());
    expect(made.body).toMatchObject({ object: 'ShipmentReport', status: 'new', url: null, id: expect.stringMatching(/^shprep_[0-9a-f]{32}$/) });
    expect(reports.get((made.body as { id: string }).id, 'http://127.0.0.1:1').body).toMatchObject({ status: 'empty', url: null });
    expect(reports.create('shipment', { start_date: '4 May' }).status).toBe(422);
  });
});

describe('Shippo', () => {
  it('the sandbox offers every invoice.v1 column the reader asks for, and each declaration names its field', () => {
    expect(Object.values(INVOICE_V1_COLUMNS).filter((c) => !(SANDBOX_INVOICE_V1 as readonly string[]).includes(c))).toEqual([]);
    const named = [...Object.values(TRANSACTION_FIELDS), ...Object.values(CORE_RATE_FIELDS), ...Object.values(INVOICE_V1_COLUMNS).filter((c) => c !== 'invoice_item_id' && c !== 'invoice_item_type')];
    expect(mentions(SHIPPO_RECON_FIELDS, named)).toEqual([]);
    expect(Object.keys(SHIPPO_RECON_FIELDS).filter((k) => !(k in CANONICAL_FIELDS))).toEqual([]);
  });
});
