/**
 * What the station can tell is wrong with a label request before asking the platform: a problem found here is a
 * carrier exception with the exact problem, not a failed purchase.
 */
import type { Address } from '../domain/address.schema';
import type { CarrierProblem } from '../domain/carrier.schema';
import type { PackageType } from '../domain/picking.schema';
import { suggest } from './carrier-actions';

/**
 * Countries whose addresses have no postcode (after the Universal Postal Union's list of postcode systems; Ireland's
 * Eircode and Hong Kong are absent on purpose: carriers accept their addresses without one).
 */
const NO_POSTCODE = new Set(
  'AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GN GQ GY HK IE JM KI KM KN KP LC ML MO MR MS MW NR NU QA RW SB SC SL SO SR ST SY TF TG TK TL TO TT TV UG VU YE ZW'.split(' '),
);

/** Postcode shapes of the countries most stations ship to; a country not listed is not checked. */
const POSTCODE_SHAPE: Readonly<Record<string, RegExp>> = {
  US: /^\d{5}(-?\d{4})?$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/i,
  BE: /^\d{4}$/,
  ES: /^\d{5}$/,
  IT: /^\d{5}$/,
  AU: /^\d{4}$/,
};

const FIX_IN_ODOO = suggest('fixAddress');

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

function addressProblem(to: Address): CarrierProblem | null {
  const missing = (what: string): CarrierProblem => ({ kind: 'data_missing', detail: `The delivery address of ${to.name || 'the customer'} has no ${what}`, suggestedAction: FIX_IN_ODOO });
  if (blank(to.street1)) return missing('street');
  if (blank(to.city)) return missing('city');
  if (blank(to.country)) return missing('country');
  const country = to.country.toUpperCase();
  if (blank(to.zip)) return NO_POSTCODE.has(country) ? null : missing(`postcode (${country} addresses need one)`);
  const shape = POSTCODE_SHAPE[country];
  if (shape !== undefined && !shape.test(to.zip.trim())) {
    return { kind: 'address_invalid', detail: `"${to.zip}" is not a postcode of ${country}`, suggestedAction: FIX_IN_ODOO };
  }
  return null;
}

function weightProblem(weightG: number, packageType: PackageType | null): CarrierProblem | null {
  if (!(weightG > 0)) return { kind: 'data_missing', detail: 'The parcel has no weight', suggestedAction: suggest('weighAgain') };
  if (packageType?.maxWeightG != null && packageType.maxWeightG > 0 && weightG > packageType.maxWeightG) {
    return {
      kind: 'weight_limit',
      detail: `${(weightG / 1000).toFixed(2)} kg is above what a ${packageType.name} holds (${(packageType.maxWeightG / 1000).toFixed(2)} kg)`,
      suggestedAction: suggest('splitOrRepack'),
    };
  }
  return null;
}

/**
 * The first problem of a request, or null when the platform may be asked. `to` is the customer's address for a return
 * too (requests keep the outbound addresses; the platform swaps them).
 */
export function checkShipment(request: { to: Address; parcel: { weightG: number; packageType: PackageType | null } }): CarrierProblem | null {
  return addressProblem(request.to) ?? weightProblem(request.parcel.weightG, request.parcel.packageType);
}

/**
 * Heaviest parcel each carrier's services take (grams): USPS 70 lb; UPS and FedEx 150 lb; DHL Express 70 kg. A rate of
 * a carrier not listed is not filtered: the platform's own answer decides.
 */
const CARRIER_WEIGHT_LIMIT_G: Readonly<Record<string, number>> = { usps: 31_751, ups: 68_038, fedex: 68_038, dhlexpress: 70_000, 'dhl express': 70_000 };

export const carrierWeightLimitG = (carrier: string): number | null => CARRIER_WEIGHT_LIMIT_G[carrier.trim().toLowerCase()] ?? null;
