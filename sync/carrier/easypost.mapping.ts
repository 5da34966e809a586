/**
 * Domain → EasyPost request bodies and EasyPost → domain values. EasyPost wants US units: ounces and inches.
 */
import type { Address } from '../../app/domain/address.schema';
import type { Dpi } from '../../app/domain/shipment.schema';
import type { ShipmentRequest } from '../../app/ports';
import type { EasyPostPostageLabel } from './easypost.schema';
import { GRAMS_PER_OUNCE } from '../../app/domain/weight-units';

export { GRAMS_PER_OUNCE } from '../../app/domain/weight-units';
export const MM_PER_INCH = 25.4;

/** Rounds up to one decimal: a declared weight or size below the real one is a carrier surcharge later. */
function ceilTenth(value: number): number {
  // The epsilon keeps exact values (e.g. 10.0 from 254 mm) from being bumped by float noise.
  return Math.ceil(value * 10 - 1e-9) / 10;
}

/** Grams → ounces, rounded up to 0.1 oz, never below 0.1 oz (the platform refuses a zero weight). */
export function gramsToOunces(grams: number): number {
  return Math.max(0.1, ceilTenth(grams / GRAMS_PER_OUNCE));
}

/** Millimetres → inches, rounded up to 0.1 in. */
export function mmToInches(mm: number): number {
  return ceilTenth(mm / MM_PER_INCH);
}

export interface EasyPostAddressParams {
  name: string;
  company?: string;
  street1: string;
  street2?: string;
  city: string;
  state?: string;
  zip: string;
  country: string;
  phone?: string;
  email?: string;
}

export function toAddressParams(a: Address): EasyPostAddressParams {
  const out: EasyPostAddressParams = { name: a.name, street1: a.street1, city: a.city, zip: a.zip, country: a.country };
  // Empty optional fields are left out: EasyPost treats "" as a value and some carriers then reject it.
  if (a.company) out.company = a.company;
  if (a.street2) out.street2 = a.street2;
  if (a.state) out.state = a.state;
  if (a.phone) out.phone = a.phone;
  if (a.email) out.email = a.email;
  return out;
}

export interface EasyPostParcelParams {
  weight: number;
  length?: number;
  width?: number;
  height?: number;
}

export function toParcelParams(parcel: ShipmentRequest['parcel']): EasyPostParcelParams {
  const out: EasyPostParcelParams = { weight: gramsToOunces(parcel.weightG) };
  const t = parcel.packageType;
  // Dimensions only when all three are known: a partial box makes carriers compute a wrong dimensional weight.
  if (t !== null && t.lengthMm > 0 && t.widthMm > 0 && t.heightMm > 0) {
    out.length = mmToInches(t.lengthMm);
    out.width = mmToInches(t.widthMm);
    out.height = mmToInches(t.heightMm);
  }
  return out;
}

export function toShipmentBody(request: ShipmentRequest): { shipment: Record<string, unknown> } {
  return {
    shipment: {
      reference: request.reference,
      // EasyPost takes the outbound addresses and swaps them on the label itself.
      ...(request.isReturn ? { is_return: true } : {}),
      to_address: toAddressParams(request.to),
      from_address: toAddressParams(request.from),
      parcel: toParcelParams(request.parcel),
      // EasyPost has no dpi option: ZPL comes at the carrier's 203 dpi whatever the printer is (see labelDpi).
      options: { label_format: 'ZPL', label_size: '4x6' },
    },
  };
}

const ZPL_TYPES = new Set(['application/zpl', 'application/x-zpl', 'text/zpl']);

/**
 * The resolution of the ZPL we actually received. `label_resolution` describes `label_url`; when that file is
 * ZPL it is the ZPL's own dpi, but for a PNG converted to ZPL it is the PNG's (300 in the cassettes) while the
 * converted ZPL is 203 dpi. A 300/600 dpi printer therefore gets 203 dpi ZPL, recorded as such so a later step
 * can scale it; we never claim the printer's dpi for a label that was not made for it.
 */
export function labelDpi(label: EasyPostPostageLabel): Dpi {
  const nativeZpl = ZPL_TYPES.has((label.label_file_type ?? '').toLowerCase());
  const res = label.label_resolution;
  if (nativeZpl && (res === 203 || res === 300 || res === 600)) return res;
  return 203;
}
