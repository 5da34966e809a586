import type { DeadLetterAdvice } from '../domain/dead-letter.schema';

/**
 * What a dead letter's reason means and what to do about it. The reason is what the sync engine stored:
 * `CODE: message`, `gave up after N attempts; last error CODE: message`, `unexpected: …`, or a local note about a
 * record the station could not read. Decisions use the code and the remote's exception class; the message is only
 * read to name the thing to fix (a lot, a product), never to decide whether a retry is safe.
 */
export function adviseDeadLetter(reason: string, target?: string): DeadLetterAdvice {
  const local = LOCAL.find((rule) => reason.startsWith(rule.prefix));
  if (local) return { code: 'LOCAL', remoteError: null, summary: firstLine(reason), instruction: local.instruction, replayable: false };

  const gaveUp = /^gave up after (\d+) attempts; last error /.exec(reason);
  const rest = gaveUp ? reason.slice(gaveUp[0].length) : reason;
  const coded = /^([A-Z_]+): ([\s\S]*)$/.exec(rest);
  const code = coded?.[1] ?? (rest.startsWith('unexpected: ') ? 'UNEXPECTED' : 'UNKNOWN');
  const message = coded?.[2] ?? rest.replace(/^unexpected: /, '');
  const exception = EXCEPTION.exec(message);
  const remoteError = exception?.[1] ?? null;
  const said = (exception?.[2] ?? message).trim();
  const summary = `${plainCode(code, remoteError)}: ${oneLine(said) || 'no message'}`;
  const base = { code, remoteError, summary, replayable: true };
  if (target === 'hub') return { ...base, summary: `${HUB_PLAIN[code] ?? plainCode(code, remoteError)}: ${oneLine(said) || 'no message'}`, instruction: HUB_INSTRUCTION };

  for (const rule of MESSAGE_RULES) {
    if (!rule.codes.includes(code)) continue;
    const m = rule.pattern.exec(said);
    if (m) return { ...base, instruction: rule.instruction(m) };
  }
  const attempts = gaveUp ? ` ${gaveUp[1]} times` : '';
  return { ...base, instruction: BY_CODE[code]?.(attempts) ?? GENERIC };
}

// The remote's exception class, as the gateway puts it: a Python path (odoo.exceptions.UserError) or its last part
// ("Odoo refused stock.picking.read: MissingError: Record does not exist …").
const EXCEPTION =
  /(?:^|:\s)((?:odoo|werkzeug|builtins|psycopg2)(?:\.\w+)+|[A-Z]\w*(?:Error|Denied|Exception|Warning|Expired|Unauthorized|Forbidden|NotFound))(?::\s*([\s\S]*))?$/;

const firstLine = (text: string): string => text.split('\n')[0]!.trim();
const oneLine = (text: string): string => text.replace(/\s*\n\s*-?\s*/g, ' ').replace(/\s+/g, ' ').trim();
const quoteList = (text: string): string =>
  text
    .split('\n')
    .map((s) => s.replace(/^\s*-\s*/, '').trim())
    .filter((s) => s.length > 0)
    .join(', ');

function plainCode(code: string, remoteError: string | null): string {
  const what = PLAIN[code] ?? `error ${code}`;
  return remoteError ? `${what} (${remoteError.split('.').pop() ?? remoteError})` : what;
}

const PLAIN: Readonly<Record<string, string>> = {
  REJECTED: 'Odoo refused the change',
  AUTH: 'The station was not allowed in',
  NOT_FOUND: 'The record is gone',
  SERVER: 'The server failed',
  INVALID_REPLY: 'The server answered something unreadable',
  CONFIG: 'The station is misconfigured',
  CONFLICT: 'The picking changed in Odoo after it was packed',
  UNEXPECTED: 'The station hit an unexpected error',
};

// The hub stores each ledger fact once by its number, so a replay is always safe; its dead letter holds back the later
// facts (one order key), which is why discarding is the exception.
const HUB_PLAIN: Readonly<Record<string, string>> = { SERVER: 'The hub failed', INVALID_REPLY: 'The hub answered something unreadable' };
const HUB_INSTRUCTION =
  "The station's later ledger facts wait behind this one. Check the hub (its log and its database), then replay: the hub keeps each fact once, so a replay never counts one twice. Discard (with the reason) only if the hub must never hear of it.";

const GENERIC = 'Read the error, fix its cause in Odoo, then replay; discard (with the reason) if the event is no longer wanted.';

const LOCAL: readonly { prefix: string; instruction: string }[] = [
  {
    prefix: 'unparseable cached picking',
    instruction: 'A cached copy of the picking was damaged; the station reads it from Odoo again. Discard this note with a reason.',
  },
  {
    prefix: 'unparseable stored shipment',
    instruction: 'A bought label record was damaged: check in the carrier platform that the parcel has one label (refund a duplicate), then discard with a reason.',
  },
  {
    prefix: 'unreadable outbox row',
    instruction: 'The stored event is damaged and cannot be sent: check the picking in Odoo, do by hand what is missing, then discard with a reason.',
  },
  {
    prefix: 'unparseable outbox payload',
    instruction: 'The stored event is damaged and cannot be sent: check the picking in Odoo, do by hand what is missing, then discard with a reason.',
  },
];

const MESSAGE_RULES: readonly { codes: readonly string[]; pattern: RegExp; instruction: (m: RegExpExecArray) => string }[] = [
  {
    codes: ['REJECTED', 'NOT_FOUND'],
    pattern: /lot(?:\/serial(?: number)?)?\s+["'“]?([^"'”\s]+?)["'”]?\s+(?:does not exist|doesn't exist|not found)/i,
    instruction: (m) => `Create lot ${m[1]} in Odoo (Inventory › Lots/Serial Numbers) for this product, then replay.`,
  },
  {
    codes: ['REJECTED'],
    pattern: /supply a Lot\/Serial Number for (?:the )?products?:?\s*([\s\S]*)$/i,
    instruction: (m) =>
      `Odoo needs a lot/serial number for ${quoteList(m[1] ?? '') || 'a product'}: create the lot in Odoo (or allow creating lots on this operation type), then replay.`,
  },
  {
    codes: ['REJECTED'],
    pattern: /\bis (?:cancel(?:led)?|done)\b/i,
    instruction: () => 'The picking was cancelled or finished in Odoo meanwhile: check it there; discard this event (with the reason) if nothing more is needed.',
  },
];

const BY_CODE: Readonly<Record<string, (attempts: string) => string>> = {
  AUTH: () => "Check the station's API key (odoo.apiKey or STATION_ODOO_API_KEY) and the Odoo user's access rights, then replay.",
  NOT_FOUND: () => 'The record no longer exists in Odoo (deleted or cancelled): check the picking there; discard with a reason if nothing more is needed.',
  SERVER: (attempts) => `Odoo failed${attempts} with a server error: check Odoo's server log (or ask its administrator), then replay.`,
  INVALID_REPLY: (attempts) => `Odoo answered${attempts} with something the station cannot read (a proxy page, an upgrade in progress?): check Odoo, then replay.`,
  CONFIG: () => "Fix the station's configuration, restart it, then replay.",
  UNEXPECTED: () => "Send the station's log to support; replay to try again.",
  REJECTED: () => GENERIC,
  CONFLICT: () =>
    "Look at the picking in Odoo. Replay to apply this station's packing to the picking as Odoo has it now (the station then takes Odoo's version as the basis); " +
    'or discard (with the reason) to keep Odoo\'s version and finish the picking there by hand — a label already bought for the old address or carrier must then be voided in the carrier platform.',
};
