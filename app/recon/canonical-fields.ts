/**
 * The canonical shipment model, field by field: what each value means and where the station's ledger carries it.
 * Every system's reader declares, with the same field names, where it takes each value from (Odoo per version,
 * EasyPost, Shippo: `*.fields.ts` beside the readers in sync/recon) and uses those declarations to read; the table
 * in docs/field-mapping.md is generated from all of them (`npm run docs:mapping`), so it cannot drift from the code.
 */
export const CANONICAL_FIELDS = {
  'picking.id': { meaning: 'The Odoo picking (stock.picking id)', station: 'every ledger fact: pickingId' },
  'picking.name': { meaning: 'The picking reference shown to people (WH/OUT/00012)', station: 'every ledger fact: pickingName' },
  'picking.state': { meaning: 'Where the picking is in Odoo (done, assigned, cancel…)', station: 'picking.validated (Odoo acknowledged the validation)' },
  'picking.packedAt': { meaning: 'When every parcel was packed and labelled', station: 'picking.packed: at' },
  'picking.doneAt': { meaning: 'When the picking was validated', station: 'picking.validated: at' },
  'picking.trackingRefs': { meaning: "The tracking codes the picking carries", station: 'label.bought: trackingCode (each parcel)' },
  'picking.weight': { meaning: 'Shipping weight of the picking (g)', station: 'parcel.packed: weightG (sum of parcels)' },
  'picking.labelAttachment': { meaning: 'The label kept on the picking', station: 'label.printed (the station attaches each label copy)' },
  'parcel.index': { meaning: 'The parcel within its picking (1, 2, …)', station: 'parcel.packed / label.bought: parcelIndex' },
  'parcel.weight': { meaning: 'What the station scale weighed (g)', station: 'parcel.packed: weightG' },
  'shipment.id': { meaning: "The platform's shipment (EasyPost shp_…, Shippo transaction)", station: 'label.bought: shipmentId' },
  'shipment.trackingCode': { meaning: "The carrier's tracking number", station: 'label.bought: trackingCode' },
  'shipment.carrier': { meaning: 'The carrier (USPS, UPS, DHL…)', station: 'label.bought: carrier' },
  'shipment.service': { meaning: "The carrier's service level", station: 'label.bought: service' },
  'shipment.reference': { meaning: 'Our reference on the shipment (picking#parcel)', station: 'pickingName#parcelIndex' },
  'shipment.createdAt': { meaning: 'When the label was bought', station: 'label.bought: at' },
  'shipment.quotedPrice': { meaning: 'The rate at purchase', station: 'label.bought: price' },
  'shipment.chargedPrice': { meaning: 'What was charged in the end (with adjustments)', station: null },
  'shipment.currency': { meaning: 'Currency of the prices', station: 'label.bought: currency' },
  'shipment.declaredWeight': { meaning: 'Weight sent to the platform (g)', station: 'parcel.packed: weightG' },
  'shipment.billedWeight': { meaning: 'Weight the carrier billed (g)', station: null },
  'shipment.adjustments': { meaning: 'Charges added after purchase (weight correction, surcharge)', station: null },
  'shipment.refundStatus': { meaning: 'Void/refund state of the label', station: 'label.voided' },
  'shipment.isReturn': { meaning: 'A return label', station: 'label.bought: isReturn' },
  'tracking.status': { meaning: 'Canonical tracking status (app/domain/tracking.schema.ts)', station: null },
  'tracking.lastEventAt': { meaning: "The carrier's time of the newest scan", station: null },
} as const satisfies Record<string, { meaning: string; station: string | null }>;

export type CanonicalField = keyof typeof CANONICAL_FIELDS;

/** Where one system takes canonical fields from (a field it does not have is absent). */
export type SystemFieldMap = Partial<Record<CanonicalField, string>>;

/** The Odoo versions the product speaks to. */
export const ODOO_VERSIONS = ['16', '17', '18', '19'] as const;
export type OdooVersion = (typeof ODOO_VERSIONS)[number];
