import { describe, expect, it } from 'vitest';
import type { HubLedgerEntry } from '../../../app/hub/ledger-event.schema';
import type { ExceptionFinding } from '../../../app/recon/exception.schema';
import type { OdooPickingFacts, PlatformShipmentFacts } from '../../../app/recon/recon-input.schema';
import type { ShipmentAuditEntry } from '../../../app/recon/recon.ports';
import { runReconciliation, type ReconcileDeps } from '../../../sync/recon/reconcile.job';
import { DAY, NOW, POLICY, odoo, shipment } from './reconcile.builders';

const ref = { pickingId: 12, pickingName: 'WH/OUT/00012' };
const facts: { stationId: string; entry: HubLedgerEntry }[] = [
  { stationId: 'st-1', entry: { seq: 1, at: NOW - DAY, fact: { type: 'parcel.packed', ...ref, parcelIndex: 1, weightG: 1200, packageTypeId: null, items: 1 } } },
  { stationId: 'st-1', entry: { seq: 2, at: NOW - DAY, fact: { type: 'label.bought', ...ref, parcelIndex: 1, shipmentId: 'shp_1', trackingCode: 'TRK1', carrier: 'USPS', service: 'Priority', price: 7.5, currency: 'USD', isReturn: false } } },
  { stationId: 'st-1', entry: { seq: 3, at: NOW - DAY, fact: { type: 'picking.packed', ...ref, parcels: 1 } } },
];

/** The job's collaborators as plain objects: what it read, recorded, voided and wrote to the trail. */
function deps(over: { odooPickings?: OdooPickingFacts[]; platform?: PlatformShipmentFacts[]; autoVoid?: boolean; fresh?: boolean } = {}) {
  const seen = { windows: [] as unknown[], recorded: [] as ExceptionFinding[], voided: [] as string[], notes: [] as [number, string, boolean][], audit: [] as ShipmentAuditEntry[] };
  const d: ReconcileDeps = {
    ledger: { pickingFacts: async () => facts },
    tracking: { many: async () => [] },
    exceptions: {
      record: async (findings) => {
        seen.recorded.push(...findings);
        const idsByKey = Object.fromEntries(findings.map((f, i) => [f.key, i + 1]));
        const ids = Object.values(idsByKey);
        return { opened: over.fresh === false ? [] : ids, seenAgain: over.fresh === false ? ids : [], reopened: [], autoResolved: [], idsByKey };
      },
      note: async (id, _by, note, _now, resolve) => void seen.notes.push([id, note, resolve]),
    },
    audit: { append: async (entries) => void seen.audit.push(...entries) },
    odoo: {
      pickings: async () => [],
      doneWithTracking: async () => [],
      window: async (ids, since, until) => (seen.windows.push([ids, since, until]), over.odooPickings ?? [odoo()]),
    },
    platforms: [
      {
        platform: 'easypost',
        shipments: async () => over.platform ?? [shipment()],
        void: async (id) => (seen.voided.push(id), 'submitted'),
      },
    ],
    policy: { ...POLICY, autoVoidOrphans: over.autoVoid ?? false },
  };
  return { d, seen };
}

const orphan = shipment({ shipmentId: 'shp_orphan', trackingCode: 'TRK-ORPHAN', reference: null, createdAt: NOW - 3 * 3_600_000 });

describe('one reconciliation run', () => {
  it("reads Odoo once for the ledger's pickings and the window, and records what the rules find", async () => {
    const { d, seen } = deps({ odooPickings: [odoo({ state: 'assigned', trackingRefs: [], dateDone: null })] });
    const summary = await runReconciliation(d, { since: NOW - 2 * DAY, until: NOW, now: NOW }, 'hub');
    expect(seen.windows).toEqual([[[12], NOW - 2 * DAY, NOW]]);
    expect(summary).toMatchObject({ ledgerPickings: 1, odooPickings: 1, platformShipments: 1, findings: 1, opened: 1, voided: 0, byKind: { packed_not_done: 1 } });
    expect(seen.recorded.map((f) => f.key)).toEqual(['packed_not_done:12']);
  });

  it('voids an orphan label at its platform only when the policy says so, and notes it on the exception', async () => {
    const proposed = deps({ platform: [shipment(), orphan] });
    await runReconciliation(proposed.d, { since: NOW - 2 * DAY, until: NOW, now: NOW }, 'hub');
    expect(proposed.seen.voided).toEqual([]);
    expect(proposed.seen.recorded.find((f) => f.kind === 'orphan_label')?.suggestedAction.code).toBe('void_label');

    const automatic = deps({ platform: [shipment(), orphan], autoVoid: true });
    const summary = await runReconciliation(automatic.d, { since: NOW - 2 * DAY, until: NOW, now: NOW }, 'hub');
    expect(summary.voided).toBe(1);
    expect(automatic.seen.voided).toEqual(['shp_orphan']);
    expect(automatic.seen.notes).toEqual([[1, 'voided at easypost: refund submitted', true]]);
    expect(automatic.seen.audit.map((e) => [e.system, e.kind, e.shipmentId])).toEqual([
      ['hub', 'finding', 'shp_orphan'],
      ['easypost', 'request', 'shp_orphan'],
    ]);
  });

  it("writes a finding into its shipment's trail when it opens, not each time a run sees it again", async () => {
    const again = deps({ platform: [shipment(), orphan], fresh: false });
    await runReconciliation(again.d, { since: NOW - 2 * DAY, until: NOW, now: NOW }, 'hub');
    expect(again.seen.recorded).toHaveLength(1);
    expect(again.seen.audit).toEqual([]);
  });
});
