/**
 * The labels behind the sandbox's `label_url`: carrier-style ZPL II (the same 4x6 in, 203 dpi builder as the
 * EasyPost sandbox). PDFs (manifest forms, labels bought as PDF) come from the sandboxes' shared carrier-pdf.sim.ts.
 */
import { buildCarrierLabelZpl, type LabelAddress } from '../carrier-label.sim';

export interface ShippoLabelInput {
  provider: string;
  servicelevelName: string;
  trackingNumber: string;
  from: LabelAddress;
  to: LabelAddress;
  weightG: number;
  reference: string | null;
  shipmentId: string;
}

const GRAMS_PER_OUNCE = 28.349523125;

export function labelZpl(input: ShippoLabelInput): string {
  return buildCarrierLabelZpl({
    carrier: input.provider,
    service: input.servicelevelName,
    trackingCode: input.trackingNumber,
    from: input.from,
    to: input.to,
    weightOz: Math.ceil((input.weightG / GRAMS_PER_OUNCE) * 10) / 10,
    reference: input.reference,
    shipmentId: input.shipmentId,
    date: new Date().toISOString().slice(0, 10),
  });
}
