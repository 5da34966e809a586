/**
 * What the carrier sandbox accepts, as EasyPost documents it: request bodies wrapped in their object name
 * (`{"shipment": {...}}`, `{"rate": {"id"}}`, `{"tracker": {...}}`). Parsed with zod like every other edge.
 */
import { z } from 'zod';

const text = z.string().nullable().optional();

export const SandboxAddressInputSchema = z.object({
  name: text,
  company: text,
  street1: z.string().min(1),
  street2: text,
  city: z.string().min(1),
  state: text,
  zip: z.string().min(1),
  country: z.string().min(2).default('US'),
  phone: text,
  email: text,
});
export type SandboxAddressInput = z.infer<typeof SandboxAddressInputSchema>;

const dimension = z.number().positive().nullable().optional();

export const SandboxParcelInputSchema = z.object({
  weight: z.number().positive(),
  length: dimension,
  width: dimension,
  height: dimension,
  predefined_package: text,
});
export type SandboxParcelInput = z.infer<typeof SandboxParcelInputSchema>;

export const LabelFormatInputSchema = z.enum(['PNG', 'PDF', 'ZPL', 'EPL2']);

export const SandboxShipmentInputSchema = z.object({
  reference: text,
  /** A return label: the parcel travels from `to_address` back to `from_address`. */
  is_return: z.boolean().nullable().optional(),
  to_address: SandboxAddressInputSchema,
  from_address: SandboxAddressInputSchema,
  parcel: SandboxParcelInputSchema,
  options: z
    .object({
      label_format: LabelFormatInputSchema.optional(),
      label_size: z.string().optional(),
    })
    .passthrough()
    .optional(),
});
export type SandboxShipmentInput = z.infer<typeof SandboxShipmentInputSchema>;

export const SandboxCreateShipmentBodySchema = z.object({ shipment: z.unknown() });

export const SandboxBuyBodySchema = z.object({ rate: z.object({ id: z.string().min(1) }) });

const ShipmentRefsSchema = z.array(z.object({ id: z.string().min(1) }));

/** As documented (`{"shipments": [{"id"}]}`) and as the Python client sends it (`{"scan_form": {"shipment": […]}}`). */
export const SandboxScanFormBodySchema = z.object({
  shipments: ShipmentRefsSchema.optional(),
  scan_form: z.object({ shipments: ShipmentRefsSchema.optional(), shipment: ShipmentRefsSchema.optional() }).optional(),
});

export const SandboxTrackerBodySchema = z.object({
  tracker: z.object({ tracking_code: z.string().min(1), carrier: z.string().optional() }),
});
