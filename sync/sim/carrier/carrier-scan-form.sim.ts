/**
 * End-of-day forms of the carrier sandbox (EasyPost ScanForm): `POST /scan_forms` answers 200 with the form,
 * `status: created` and a `form_url` to a PDF on an auth-free URL (test_scanform_create). The documented rules are
 * enforced: bought, unrefunded shipments of one carrier account and one origin, each on one form only. Refusals are
 * a 422 SCAN_FORM.CREATE.FAILURE worded like the platform's ("Unable to create manifest. 2 of the specified
 * shipments were not found: …", quoted in easypost-csharp#76).
 */
import { buildTextPdf } from './carrier-pdf.sim';
import { SandboxScanFormBodySchema } from './carrier-schema.sim';
import type { ShipmentRecord } from './carrier-shipment-wire.sim';
import type { SandboxStore } from './carrier-store.sim';
import { blank, isoNow, newId, notFound, unprocessable, type SandboxReply } from './carrier-wire.sim';

const refuse = (why: string): SandboxReply => unprocessable('SCAN_FORM.CREATE.FAILURE', `Unable to create manifest. ${why}`);

const ofThe = (records: readonly { id: string }[], what: string): string =>
  `${records.length} of the specified shipments ${records.length === 1 ? 'is' : 'are'} ${what}: ${records.map((r) => r.id).join(', ')}`;

const origin = (r: ShipmentRecord): string => {
  const a = r.input.from_address;
  return [a.street1, a.city, a.state, a.zip, a.country].map((p) => (p ?? '').trim().toUpperCase()).join('|');
};

export class ScanFormDesk {
  private readonly forms = new Map<string, { wire: Record<string, unknown>; pdf: Buffer }>();

  constructor(private readonly shipments: SandboxStore) {}

  create(body: unknown, fileOrigin: string): SandboxReply {
    const parsed = SandboxScanFormBodySchema.safeParse(body ?? {});
    const refs = parsed.success ? (parsed.data.shipments ?? parsed.data.scan_form?.shipments ?? parsed.data.scan_form?.shipment ?? []) : [];
    if (refs.length === 0) return blank('shipments');
    const ids = [...new Set(refs.map((r) => r.id))];
    const missing = ids.filter((id) => this.shipments.record(id) === undefined).map((id) => ({ id }));
    if (missing.length > 0) return refuse(`${missing.length} of the specified shipments were not found: ${missing.map((m) => m.id).join(', ')}`);
    const records = ids.map((id) => this.shipments.record(id)).filter((r): r is ShipmentRecord => r !== undefined);
    const unbought = records.filter((r) => r.trackingCode === null || r.selectedRate === null);
    if (unbought.length > 0) return refuse(ofThe(unbought, 'not purchased'));
    const refunded = records.filter((r) => r.refundStatus === 'submitted' || r.refundStatus === 'refunded');
    if (refunded.length > 0) return refuse(ofThe(refunded, 'refunded'));
    const onForm = records.filter((r) => r.scanForm !== null);
    if (onForm.length > 0) return refuse(ofThe(onForm, 'already on a scan form'));
    if (new Set(records.map((r) => r.selectedRate?.carrier_account_id)).size > 1) return refuse('All shipments must belong to the same carrier account.');
    if (new Set(records.map(origin)).size > 1) return refuse('Each shipment must have the same origin address.');
    return { status: 200, body: this.make(records, fileOrigin) };
  }

  get(id: string): SandboxReply {
    const form = this.forms.get(id);
    return form ? { status: 200, body: form.wire } : notFound('ScanForm');
  }

  /** The PDF behind `form_url`, null when there is no such form. */
  pdf(id: string): Buffer | null {
    return this.forms.get(id)?.pdf ?? null;
  }

  private make(records: readonly ShipmentRecord[], fileOrigin: string): Record<string, unknown> {
    const at = isoNow();
    const id = newId('sf');
    const codes = records.map((r) => r.trackingCode ?? '');
    const first = records[0];
    const wire = {
      id,
      object: 'ScanForm',
      created_at: at,
      updated_at: at,
      tracking_codes: codes,
      address: first?.wire.from ?? null,
      status: 'created',
      message: null,
      form_url: `${fileOrigin}/forms/${id}.pdf`,
      form_file_type: null,
      batch_id: newId('batch'),
      confirmation: null,
    };
    const carrier = first?.selectedRate?.carrier ?? 'USPS';
    const lines = [`Form ${id}`, `Date ${at.slice(0, 10)}`, `Pieces ${codes.length}`, ...codes.map((c) => `Tracking ${c}`)];
    this.forms.set(id, { wire, pdf: buildTextPdf(`${carrier} SCAN FORM (sandbox)`, lines) });
    for (const r of records) r.scanForm = wire;
    return wire;
  }
}
