import { z } from 'zod';
import { OutboxEventSchema, OutboxPayloadSchema } from '../../app/domain/outbox-event.schema';
import type { OutboxEvent, OutboxPayload } from '../../app/domain/outbox-event.schema';

/** Rows as better-sqlite3 returns them. Every row read back is parsed with one of these before it is trusted. */
export const OutboxStateSchema = z.enum(['pending', 'done', 'dead', 'discarded']);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

export const OutboxRowSchema = z.object({
  id: z.number().int(),
  target: z.string(),
  order_key: z.string(),
  type: z.string(),
  payload: z.string(),
  state: OutboxStateSchema,
  attempts: z.number().int().nonnegative(),
  answered_failures: z.number().int().nonnegative(),
  next_attempt_at: z.number(),
  last_error: z.string().nullable(),
  created_at: z.number(),
  done_at: z.number().nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRowSchema>;

export const DeadLetterRowSchema = z.object({
  id: z.number().int(),
  event_id: z.number().int().nullable(),
  target: z.string(),
  order_key: z.string(),
  reason: z.string(),
  raw: z.string(),
  at: z.number(),
  resolved_at: z.number().nullable(),
  resolution: z.enum(['replayed', 'discarded']).nullable(),
});
export type DeadLetterRow = z.infer<typeof DeadLetterRowSchema>;

export const SyncStateRowSchema = z.object({
  target: z.string(),
  last_success_at: z.number().nullable(),
  last_error: z.string().nullable(),
  last_error_at: z.number().nullable(),
  unreachable_since: z.number().nullable(),
});

export const PendingStatsRowSchema = z.object({
  depth: z.number().int().nonnegative(),
  oldest: z.number().nullable(),
});

export const NullableNumberRowSchema = z.object({ at: z.number().nullable() });

export const CountRowSchema = z.object({ n: z.number().int().nonnegative() });

export const TargetRowSchema = z.object({ target: z.string() });

const KeyCountRowSchema = z.object({ key: z.string(), n: z.number().int().nonnegative() });

/** `SELECT <column> AS key, COUNT(*) AS n … GROUP BY <column>` rows as a record. */
export function countsByKey(rows: readonly unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const raw of rows) {
    const row = KeyCountRowSchema.parse(raw);
    out[row.key] = row.n;
  }
  return out;
}

/** JSON text stored in a column, parsed and checked by `schema`; null when it is not JSON or fails the schema. */
export function parseJsonColumn<T>(text: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The row's payload, or null when it is not JSON, fails the schema, or disagrees with the row's type column. */
export function payloadOfRow(row: OutboxRow): OutboxPayload | null {
  const payload = parseJsonColumn(row.payload, OutboxPayloadSchema);
  return payload !== null && payload.type === row.type ? payload : null;
}

export function eventOfRow(row: OutboxRow): OutboxEvent | null {
  const payload = payloadOfRow(row);
  if (payload === null) return null;
  const event = OutboxEventSchema.safeParse({
    id: row.id,
    target: row.target,
    orderKey: row.order_key,
    payload,
    attempts: row.attempts,
    answeredFailures: row.answered_failures,
    createdAt: row.created_at,
  });
  return event.success ? event.data : null;
}
