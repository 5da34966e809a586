/**
 * EasyPost's error envelope, read for PlatformHttp: `{"error": {"code", "message", "errors"}}`, where `errors` holds
 * field errors (`{"field", "message"}`) or, in the alternative form, plain strings. The platform's own code (e.g.
 * ADDRESS.VERIFY.FAILURE, SHIPMENT.POSTAGE.FAILURE) is kept in `detail` for people and for finer handling; the
 * messages alone feed address verdicts.
 */
import type { PlatformErrorReading } from './platform-http';
import { EasyPostErrorEnvelopeSchema, type EasyPostErrorEnvelope } from './easypost.schema';

const joinMessage = (m: string | string[] | null | undefined): string => (Array.isArray(m) ? m.join(', ') : (m ?? ''));

function flattenErrors(envelope: EasyPostErrorEnvelope, withField: boolean): string[] {
  return (envelope.error.errors ?? []).map((e) => {
    if (typeof e === 'string') return e;
    const msg = joinMessage(e.message);
    return withField && e.field ? `${e.field}: ${msg}` : msg;
  });
}

/** Reads an EasyPost error body; null for anything that is not its envelope (a proxy's HTML page). */
export function readEasyPostError(body: unknown): PlatformErrorReading | null {
  const parsed = EasyPostErrorEnvelopeSchema.safeParse(body);
  if (!parsed.success) return null;
  const envelope = parsed.data;
  return {
    code: envelope.error.code,
    message: joinMessage(envelope.error.message) || null,
    errors: flattenErrors(envelope, true),
    messages: flattenErrors(envelope, false).filter((m) => m !== ''),
  };
}
