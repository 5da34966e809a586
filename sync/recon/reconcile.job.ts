import type { LedgerStore } from '../../app/hub/hub.ports';
import type { ExceptionFinding } from '../../app/recon/exception.schema';
import { ledgerPickings } from '../../app/recon/ledger-pickings';
import { checkedKinds, reconcile } from '../../app/recon/reconcile';
import type { OdooPickingFacts, PlatformShipmentFacts, ReconInput, ReconPolicy } from '../../app/recon/recon-input.schema';
import type { ExceptionStore, OdooReconReader, PlatformReconReader, ShipmentAudit, ShipmentAuditEntry, TrackingStore } from '../../app/recon/recon.ports';

export interface ReconcileDeps {
  ledger: Pick<LedgerStore, 'pickingFacts'>;
  tracking: Pick<TrackingStore, 'many'>;
  exceptions: Pick<ExceptionStore, 'record' | 'note'>;
  audit: Pick<ShipmentAudit, 'append'>;
  /** Null: the hub has no Odoo configured, its rules are skipped. */
  odoo: OdooReconReader | null;
  platforms: readonly PlatformReconReader[];
  policy: ReconPolicy;
}

export interface ReconcileWindow {
  since: number;
  until: number;
  /** The time the rules judge ages by (grace periods, days without tracking progress). */
  now: number;
}

export interface ReconcileSummary {
  since: number;
  until: number;
  ledgerPickings: number;
  odooPickings: number;
  platformShipments: number;
  findings: number;
  opened: number;
  seenAgain: number;
  reopened: number;
  autoResolved: number;
  voided: number;
  byKind: Record<string, number>;
}

/** Labels bought just before the window may belong to parcels packed in it (and the reverse): read platforms wider. */
const PLATFORM_MARGIN_MS = 24 * 3_600_000;

/**
 * One reconciliation run: the stations' ledgers (on the hub), Odoo and the platforms are read in batches, compared
 * by the pure rules (app/recon/reconcile.ts), and the differences recorded as exceptions in one transaction — found
 * again, the same exception; no longer found, resolved by the run. Orphan labels are voided when the policy says so.
 */
export async function runReconciliation(deps: ReconcileDeps, window: ReconcileWindow, by: string): Promise<ReconcileSummary> {
  const ledger = ledgerPickings(await deps.ledger.pickingFacts(window.since, window.until));
  const odoo = deps.odoo ? await readOdoo(deps.odoo, ledger.map((p) => p.pickingId), window) : [];
  const platform = (await Promise.all(deps.platforms.map((p) => p.shipments(window.since - PLATFORM_MARGIN_MS, window.until)))).flat();
  const codes = ledger.flatMap((p) => p.parcels.flatMap((parcel) => (parcel.trackingCode ? [parcel.trackingCode] : [])));
  const tracking = await deps.tracking.many([...new Set(codes)]);
  const input: ReconInput = {
    ...window,
    ledger,
    odoo,
    odooRead: deps.odoo !== null,
    platform,
    platformRead: deps.platforms.length > 0,
    tracking,
    policy: deps.policy,
  };
  const findings = reconcile(input);
  const note = `reconciliation of ${new Date(window.since).toISOString()} – ${new Date(window.until).toISOString()}`;
  const outcome = await deps.exceptions.record(findings, { kinds: checkedKinds(input), by, note, now: window.now });
  // The shipment's trail gets a finding when it opens (or reopens), not on every run that sees it again.
  const fresh = new Set(outcome.opened.concat(outcome.reopened));
  const audit = findings.filter((f) => fresh.has(outcome.idsByKey[f.key] ?? -1)).flatMap((f) => auditOf(f, by, window.now) ?? []);
  await deps.audit.append(audit);
  const voided = deps.policy.autoVoidOrphans ? await voidOrphans(deps, findings, outcome.idsByKey, platform, window.now) : 0;
  const byKind: Record<string, number> = {};
  for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  return {
    since: window.since,
    until: window.until,
    ledgerPickings: ledger.length,
    odooPickings: odoo.length,
    platformShipments: platform.length,
    findings: findings.length,
    opened: outcome.opened.length,
    seenAgain: outcome.seenAgain.length,
    reopened: outcome.reopened.length,
    autoResolved: outcome.autoResolved.length,
    voided,
    byKind,
  };
}

/** The ledger's pickings by id, and what Odoo has done in the window with a tracking reference (by hand, say). */
async function readOdoo(odoo: OdooReconReader, ids: readonly number[], window: ReconcileWindow): Promise<OdooPickingFacts[]> {
  return odoo.window(ids, window.since, window.until);
}

async function voidOrphans(
  deps: ReconcileDeps,
  findings: readonly ExceptionFinding[],
  idsByKey: Record<string, number>,
  platform: readonly PlatformShipmentFacts[],
  now: number,
): Promise<number> {
  let voided = 0;
  for (const f of findings) {
    const id = idsByKey[f.key];
    if (f.kind !== 'orphan_label' || f.shipmentId === null || id === undefined) continue;
    const shipment = platform.find((s) => s.shipmentId === f.shipmentId);
    const reader = deps.platforms.find((p) => p.platform === shipment?.platform);
    if (!shipment || !reader || shipment.refundStatus !== null) continue;
    const status = await reader.void(f.shipmentId);
    voided++;
    await deps.audit.append([{ ...auditBase(f, now), system: reader.platform, actor: 'hub', kind: 'request', summary: `orphan label voided by policy: refund ${status}`, data: { status } }]);
    await deps.exceptions.note(id, 'hub', `voided at ${reader.platform}: refund ${status}`, now, status !== 'rejected');
  }
  return voided;
}

const auditBase = (f: ExceptionFinding, now: number) => ({ at: now, shipmentId: f.shipmentId, trackingCode: f.trackingCode, pickingId: f.pickingId });

function auditOf(f: ExceptionFinding, by: string, now: number): ShipmentAuditEntry | null {
  if (f.shipmentId === null && f.trackingCode === null) return null;
  return { ...auditBase(f, now), system: 'hub', actor: by, kind: 'finding', summary: `${f.kind}: ${f.detail}`, data: { key: f.key, amounts: f.amounts } };
}
