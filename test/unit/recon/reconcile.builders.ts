/** Builders of reconciliation inputs for the rule tests: one picking that agrees everywhere, patched per case. */
import { ExceptionFindingSchema, type ExceptionFinding, type ExceptionKind } from '../../../app/recon/exception.schema';
import {
  ReconPolicySchema,
  type LedgerParcel,
  type LedgerPicking,
  type OdooPickingFacts,
  type PlatformShipmentFacts,
  type ReconInput,
  type TrackedShipment,
} from '../../../app/recon/recon-input.schema';
import { reconcile } from '../../../app/recon/reconcile';

export const NOW = 1_800_000_000_000;
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const POLICY = ReconPolicySchema.parse({}); // weight 50 g / 5 %, price 0.50, 2 days, orphan 60 min, packed 30 min

// A picking packed at st-1 three hours ago, one parcel of 1,200 g on USPS TRK1 (shp_1): done in Odoo, billed as quoted.
export const parcel = (patch: Partial<LedgerParcel> = {}): LedgerParcel => ({
  stationId: 'st-1',
  pickingId: 12,
  pickingName: 'WH/OUT/00012',
  parcelIndex: 1,
  weightG: 1200,
  packedAt: NOW - 3 * HOUR,
  shipmentId: 'shp_1',
  trackingCode: 'TRK1',
  carrier: 'USPS',
  service: 'Priority',
  price: 7.5,
  currency: 'USD',
  isReturn: false,
  boughtAt: NOW - 3 * HOUR,
  voidedAt: null,
  ...patch,
});
export const picking = (patch: Partial<LedgerPicking> = {}, parcels = [parcel()]): LedgerPicking => ({
  stationId: 'st-1',
  pickingId: 12,
  pickingName: 'WH/OUT/00012',
  packedAt: NOW - 3 * HOUR,
  validatedAt: NOW - 3 * HOUR,
  parcels: parcels.map((p) => ({ ...p, stationId: patch.stationId ?? p.stationId })),
  ...patch,
});
export const odoo = (patch: Partial<OdooPickingFacts> = {}): OdooPickingFacts => ({
  id: 12,
  name: 'WH/OUT/00012',
  state: 'done',
  trackingRefs: ['TRK1'],
  shippingWeightG: 1200,
  attachments: 1,
  dateDone: NOW - 3 * HOUR,
  carrier: 'USPS',
  ...patch,
});
export const shipment = (patch: Partial<PlatformShipmentFacts> = {}): PlatformShipmentFacts => ({
  platform: 'easypost',
  shipmentId: 'shp_1',
  trackingCode: 'TRK1',
  carrier: 'USPS',
  service: 'Priority',
  createdAt: NOW - 3 * HOUR,
  reference: 'WH/OUT/00012#1',
  quotedPrice: 7.5,
  chargedPrice: 7.5,
  currency: 'USD',
  declaredWeightG: 1200,
  billedWeightG: 1200,
  adjustments: [],
  refundStatus: null,
  trackingStatus: 'in_transit',
  lastTrackingAt: NOW - HOUR,
  ...patch,
});
export const tracked = (patch: Partial<TrackedShipment> = {}): TrackedShipment => ({
  trackingCode: 'TRK1',
  carrier: 'USPS',
  platform: 'easypost',
  shipmentId: 'shp_1',
  stationId: 'st-1',
  pickingId: 12,
  pickingName: 'WH/OUT/00012',
  labelAt: NOW - 3 * HOUR,
  status: 'in_transit',
  lastEventAt: NOW - HOUR,
  lastChangeAt: NOW - HOUR,
  lastHeardAt: NOW - HOUR,
  report: { carrier: 'USPS', trackingCode: 'TRK1', status: 'in_transit', events: [], estimatedDelivery: null, unmapped: [] },
  ...patch,
});
export const input = (patch: Partial<ReconInput> = {}): ReconInput => ({
  since: NOW - 72 * HOUR,
  until: NOW,
  now: NOW,
  ledger: [picking()],
  odoo: [odoo()],
  odooRead: true,
  platform: [shipment()],
  platformRead: true,
  tracking: [],
  policy: POLICY,
  ...patch,
});
export const run = (patch: Partial<ReconInput> = {}): ExceptionFinding[] => reconcile(input(patch)).map((f) => ExceptionFindingSchema.parse(f));
export const only = (kind: ExceptionKind, patch: Partial<ReconInput> = {}) => run(patch).filter((f) => f.kind === kind);
export const keys = (patch: Partial<ReconInput> = {}) => run(patch).map((f) => f.key);
