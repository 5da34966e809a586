/**
 * What the Shippo sandbox accepts, as Shippo's SDK request models describe it (AddressCreateRequest,
 * ShipmentCreateRequest, ParcelCreateRequest, TransactionCreateRequest, RefundRequestBody, ManifestCreateRequest),
 * and how a refused body is answered: Django REST Framework field errors nested like the body,
 * `{"address_to": {"city": ["This field is required."]}}`, `{"parcels": [{"weight": [...]}]}`.
 */
import { z } from 'zod';
import { REQUIRED, type SandboxReply } from './shippo-wire.sim';

const text = z.string().nullish();

export const ShippoAddressInputSchema = z.object({
  name: text,
  company: text,
  street1: text,
  street2: text,
  city: text,
  state: text,
  zip: text,
  country: z.string().length(2),
  phone: text,
  email: text,
  validate: z.boolean().optional(),
});
export type ShippoAddressInput = z.infer<typeof ShippoAddressInputSchema>;

/** Sizes and weights are decimal strings in Shippo's models (numbers are accepted too); kept as sent, echoed back. */
const measure = z.union([z.number().positive(), z.string().regex(/^\d*[1-9]\d*(\.\d+)?$|^0?\.\d*[1-9]\d*$/)]);

export const MASS_UNITS = { g: 1, kg: 1000, oz: 28.349523125, lb: 453.59237 } as const;

export const ShippoParcelInputSchema = z.object({
  length: measure,
  width: measure,
  height: measure,
  distance_unit: z.enum(['cm', 'in', 'ft', 'm', 'mm', 'yd']),
  weight: measure,
  mass_unit: z.enum(['g', 'kg', 'lb', 'oz']),
});
export type ShippoParcelInput = z.infer<typeof ShippoParcelInputSchema>;

/** An address inline, or the object_id of one created before. */
const AddressRef = z.union([z.string().regex(/^[0-9a-f]{32}$/), ShippoAddressInputSchema]);

export const ShippoShipmentInputSchema = z.object({
  address_from: AddressRef,
  address_to: AddressRef,
  parcels: z.array(ShippoParcelInputSchema).min(1),
  async: z.boolean().optional(),
  extra: z.object({ is_return: z.boolean().optional(), reference_1: text }).loose().optional(),
  metadata: z.string().max(100).optional(),
  shipment_date: z.string().optional(),
});
export type ShippoShipmentInput = z.infer<typeof ShippoShipmentInputSchema>;

export const LABEL_FILE_TYPES = ['PNG', 'PNG_2.3x7.5', 'PDF', 'PDF_2.3x7.5', 'PDF_4x6', 'PDF_4x8', 'PDF_A4', 'PDF_A5', 'PDF_A6', 'ZPLII'] as const;

export const ShippoTransactionInputSchema = z.object({
  rate: z.string().min(1),
  label_file_type: z.enum(LABEL_FILE_TYPES).optional(),
  async: z.boolean().optional(),
  metadata: z.string().max(100).optional(),
});

export const ShippoRefundInputSchema = z.object({ transaction: z.string().min(1), async: z.boolean().optional() });

export const ShippoManifestInputSchema = z.object({
  carrier_account: z.string().min(1),
  shipment_date: z.string().min(1),
  address_from: AddressRef,
  transactions: z.array(z.string()).optional(),
  async: z.boolean().optional(),
});

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return REQUIRED;
  if (issue.code === 'invalid_value') return `"${String(issue.input)}" is not a valid choice.`;
  if (issue.code === 'too_big') return `Ensure this field has no more than ${String(issue.maximum)} characters.`;
  return 'Enter a valid value.';
}

/** Puts `message` at `path` in DRF's nested error shape (lists of objects for list items). */
function place(into: Record<string, unknown>, path: readonly PropertyKey[], message: string): void {
  let node: Record<string, unknown> | unknown[] = into;
  path.forEach((key, i) => {
    const last = i === path.length - 1;
    const slot = typeof key === 'number' ? key : String(key);
    const container = node as Record<string | number, unknown>;
    if (last) {
      const existing = container[slot];
      container[slot] = Array.isArray(existing) ? [...(existing as unknown[]), message] : [message];
      return;
    }
    if (container[slot] === undefined) container[slot] = typeof path[i + 1] === 'number' ? [] : {};
    node = container[slot] as Record<string, unknown> | unknown[];
    if (Array.isArray(node) && typeof path[i + 1] === 'number') {
      while (node.length <= (path[i + 1] as number)) node.push({});
    }
  });
}

/** Parses `body` or answers the 400 Shippo would. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): { data: z.infer<S> } | { reply: SandboxReply } {
  const parsed = schema.safeParse(body ?? {}, { reportInput: true });
  if (parsed.success) return { data: parsed.data };
  const errors: Record<string, unknown> = {};
  for (const issue of leaves(parsed.error.issues)) place(errors, issue.path.length > 0 ? issue.path : ['__all__'], messageOf(issue));
  return { reply: { status: 400, body: errors } };
}

/**
 * A union ("an address id or an inline address") fails as one issue holding each branch's issues; the branch that
 * got past the type check (the inline address missing its city) is the one that says what is wrong.
 */
function leaves(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ ...issue, path }];
    const typed = issue.errors.find((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0)) ?? issue.errors[0] ?? [];
    return typed.length > 0 ? leaves(typed, path) : [{ ...issue, path }];
  });
}
