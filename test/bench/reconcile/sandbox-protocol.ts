import { z } from 'zod';

/** Messages between the reconciliation bench and its sandboxes' process (Node IPC), parsed on arrival. */
export const ToSandboxesSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('seed'), n: z.number().int().positive(), now: z.number(), odooVersion: z.union([z.literal(16), z.literal(17), z.literal(18), z.literal(19)]) }),
  /** Request counters from zero (after seeding, before the run). */
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('counts') }),
]);
export type ToSandboxes = z.infer<typeof ToSandboxesSchema>;

/** One picking as the sandboxes hold it: done in Odoo, its label at EasyPost (what the station's ledger says). */
export const ShippedSchema = z.object({
  pickingId: z.number().int(),
  pickingName: z.string(),
  weightG: z.number().positive(),
  shipmentId: z.string(),
  trackingCode: z.string(),
  price: z.number(),
});
export type Shipped = z.infer<typeof ShippedSchema>;

const CarrierCountsSchema = z.object({ total: z.number().int(), byPath: z.record(z.string(), z.number().int()) });
export type CarrierCounts = z.infer<typeof CarrierCountsSchema>;

export const MemorySchema = z.object({ rssMb: z.number(), peakMb: z.number() });

export const SandboxCountsSchema = z.object({
  /** HTTP requests Odoo answered, and its `execute_kw` calls by what they read. */
  odoo: z.object({ http: z.number().int(), pickingsById: z.number().int(), doneWithTracking: z.number().int(), otherCalls: z.array(z.string()) }),
  easypost: CarrierCountsSchema,
  shippo: CarrierCountsSchema,
  /** How long the sandboxes' event loop was busy (computing replies) since the last reset, ms. */
  busyMs: z.number(),
  memory: MemorySchema,
});
export type SandboxCounts = z.infer<typeof SandboxCountsSchema>;

export const FromSandboxesSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('seeded'),
    urls: z.object({ odoo: z.string(), easypost: z.string(), shippo: z.string() }),
    shipped: z.array(ShippedSchema),
    /** Seeding time per system (ms) and what each holds. */
    seeding: z.array(z.object({ system: z.string(), ms: z.number(), what: z.string() })),
    memory: MemorySchema,
  }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('counts'), counts: SandboxCountsSchema }),
  z.object({ type: z.literal('failed'), error: z.string() }),
]);
export type FromSandboxes = z.infer<typeof FromSandboxesSchema>;
