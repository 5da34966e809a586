/**
 * Domain → Shippo request bodies and Shippo → domain values. Shippo takes metric units as they are (`mass_unit`
 * g/kg, `distance_unit` cm), so nothing is converted to ounces and inches.
 *
 * `Rate.service` is the servicelevel TOKEN (`usps_priority`, `ups_ground`), the name only when a rate has no token:
 * the token is Shippo's stable identifier of a service (what instalabel and carrier-account service levels take),
 * while names are display text Shippo renames ("First Class" became "Ground Advantage"). Policies and preferred
 * services configured for a Shippo station therefore name tokens.
 */
import type { Address } from '../../app/domain/address.schema';
import { StationError } from '../../app/domain/errors';
import type { AddressVerdict } from '../../app/domain/carrier.schema';
import type { Dpi, Rate } from '../../app/domain/shipment.schema';
import type { ShipmentRequest } from '../../app/carrier.ports';
import type { ShippoAddress, ShippoMessage, ShippoRate } from './shippo.schema';

/** Shippo's limit for `metadata` and the like ("a string of up to 100 characters"). */
const METADATA_MAX = 100;

/** Rounds up: a declared weight or size below the real one is a carrier surcharge later. */
const ceilTo = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  // The epsilon keeps exact values (e.g. 25.4 cm from 254 mm) from being bumped by float noise.
  return Math.ceil(value * f - 1e-9) / f;
};

export function toShippoAddress(a: Address): Record<string, string> {
  const out: Record<string, string> = { name: a.name, street1: a.street1, city: a.city, zip: a.zip, country: a.country };
  // Empty optional fields are left out rather than sent as "", which some carriers then validate.
  for (const key of ['company', 'street2', 'state', 'phone', 'email'] as const) {
    const value = a[key];
    if (value) out[key] = value;
  }
  return out;
}

/**
 * Weight in whole grams (rounded up, at least 1 g) below 1 kg, in kg with three decimals (the same gram) from
 * 1 kg on; sizes in cm rounded up to 1 mm. Shippo requires all three sizes: a parcel without a package type whose
 * sizes are known is refused here, before anything is created.
 */
export function toShippoParcel(parcel: ShipmentRequest['parcel']): Record<string, string> {
  const t = parcel.packageType;
  if (t === null || !(t.lengthMm > 0 && t.widthMm > 0 && t.heightMm > 0)) {
    throw new StationError('REJECTED', 'Shippo needs the parcel\'s length, width and height: choose a package type with its sizes', {
      detail: { code: 'PARCEL_SIZE_MISSING' },
    });
  }
  const grams = Math.max(1, Math.ceil(parcel.weightG - 1e-9));
  const weight = grams < 1000 ? { weight: String(grams), mass_unit: 'g' } : { weight: (grams / 1000).toFixed(3), mass_unit: 'kg' };
  const cm = (mm: number): string => String(ceilTo(mm / 10, 1));
  return { length: cm(t.lengthMm), width: cm(t.widthMm), height: cm(t.heightMm), distance_unit: 'cm', ...weight };
}

export function toShipmentBody(request: ShipmentRequest): Record<string, unknown> {
  return {
    address_from: toShippoAddress(request.from),
    address_to: toShippoAddress(request.to),
    parcels: [toShippoParcel(request.parcel)],
    // Rates in the reply itself: with async the shipment comes back QUEUED and empty.
    async: false,
    // reference_1 prints on the label where the carrier has a reference field; is_return swaps the addresses.
    extra: { reference_1: request.reference, ...(request.isReturn ? { is_return: true } : {}) },
    // Our reference on the shipment: a read-back compares it before adopting anything.
    metadata: request.reference.slice(0, METADATA_MAX),
  };
}

/** Transaction metadata: names the shipment and reference so a person reading Shippo's dashboard can tell. */
export const purchaseMetadata = (shipmentId: string, reference: string): string => `shipment ${shipmentId} ${reference}`.slice(0, METADATA_MAX);

export function toRate(r: ShippoRate): Rate {
  return {
    id: r.object_id,
    carrier: r.provider,
    service: r.servicelevel.token || r.servicelevel.name || 'unknown',
    rate: r.amount,
    currency: r.currency,
    deliveryDays: r.estimated_days ?? null,
    // Shippo estimates days only (and `arrives_by`, a time of day): no date.
    deliveryDate: null,
    carrierAccount: r.carrier_account,
  };
}

export const messageText = (m: ShippoMessage): string =>
  [m.source, m.text || m.code].filter((s): s is string => typeof s === 'string' && s !== '').join(': ');

/** Shippo's carrier token for tracking (`usps`, `ups`, `dhl_express`, `shippo`) from a rate's provider name. */
export const carrierToken = (carrier: string): string => carrier.trim().toLowerCase().replace(/[\s-]+/g, '_');

const same = (a: string | undefined, b: string | null | undefined): boolean => (a ?? '').trim().toUpperCase() === (b ?? '').trim().toUpperCase();

/**
 * A validated address: `is_valid` false is a refusal with Shippo's messages; true returns the cleaned address.
 * No verdict at all (`validation_results` empty: Shippo's test mode does not validate outside the US) is not a
 * refusal — the address stands as given.
 */
export function toVerdict(input: Address, reply: ShippoAddress): AddressVerdict {
  const results = reply.validation_results;
  const messages = (results?.messages ?? []).map((m) => m.text || m.code || '').filter((t) => t !== '');
  if (results?.is_valid === false) {
    return { ok: false, problems: messages.length > 0 ? messages : ['Shippo could not validate this address'] };
  }
  if (results?.is_valid !== true) return { ok: true, address: input, corrected: false };
  const cleaned: Address = {
    ...input,
    street1: reply.street1 || input.street1,
    street2: reply.street2 || input.street2,
    city: reply.city || input.city,
    state: reply.state || input.state,
    zip: reply.zip || input.zip,
  };
  const corrected = (['street1', 'street2', 'city', 'state', 'zip'] as const).some((k) => !same(input[k], cleaned[k]));
  return { ok: true, address: cleaned, corrected };
}

/**
 * The resolution of a ZPLII label. Shippo documents none; carrier ZPL is 203 dpi, and a 4 in label says its own
 * width in `^PW` (812 dots at 203 dpi, 1200 at 300, 2400 at 600), so a label made for another dpi is recorded as such.
 */
export function zplDpi(zpl: string): Dpi {
  const widths = [...zpl.matchAll(/\^PW(\d+)/g)].map((m) => Number(m[1]));
  const widest = widths.length > 0 ? Math.max(...widths) : 0;
  if (widest >= 2300) return 600;
  if (widest >= 1150) return 300;
  return 203;
}
