/** What every platform's webhook module gives the hub's routes, and the pieces they share. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { TrackingUpdate } from './tracking-ingest.service';

/** A verified webhook body, read: tracking to ingest, an event of another kind (acknowledged), or not understood. */
export type WebhookReading =
  | { kind: 'tracking'; eventId: string | null; update: TrackingUpdate }
  | { kind: 'ignored'; event: string }
  | { kind: 'malformed'; why: string };

/** Constant-time comparison; hashing first makes the lengths equal, so a wrong length leaks nothing either. */
export function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export const zodIssues = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
