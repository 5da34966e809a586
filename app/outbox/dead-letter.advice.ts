import type { DeadLetterAdvice } from '../domain/dead-letter.schema';
import { say, type Say } from '../i18n/language';
import { english } from '../i18n/english';

/**
 * What a dead letter's reason means and what to do about it. The reason is what the sync engine stored:
 * `CODE: message`, `gave up after N attempts; last error CODE: message`, `unexpected: …`, or a local note about a
 * record the station could not read. Decisions use the code and the remote's exception class; the message is only
 * read to name the thing to fix (a lot, a product), never to decide whether a retry is safe.
 *
 * The advice is said once, as catalogue keys (`say`, for the supervisor panel in the reader's language); `summary`
 * and `instruction` are their English, which `station outbox` prints.
 */
export function adviseDeadLetter(reason: string, target?: string): DeadLetterAdvice {
  const local = LOCAL.find((rule) => reason.startsWith(rule.prefix));
  if (local) return advice({ code: 'LOCAL', remoteError: null, replayable: false }, summaryOf(whatSay('LOCAL'), firstLine(reason)), say(local.key));

  const gaveUp = /^gave up after (\d+) attempts; last error /.exec(reason);
  const rest = gaveUp ? reason.slice(gaveUp[0].length) : reason;
  const coded = /^([A-Z_]+): ([\s\S]*)$/.exec(rest);
  const code = coded?.[1] ?? (rest.startsWith('unexpected: ') ? 'UNEXPECTED' : 'UNKNOWN');
  const message = coded?.[2] ?? rest.replace(/^unexpected: /, '');
  const exception = EXCEPTION.exec(message);
  const remoteError = exception?.[1] ?? null;
  const said = (exception?.[2] ?? message).trim();
  const base = { code, remoteError, replayable: true };
  // The hub stores each ledger fact once by its number, so a replay is always safe; its dead letter holds back the
  // later facts (one order key), which is why discarding is the exception.
  if (target === 'hub') {
    const what = HUB_CODES.includes(code) ? say(`supervisor.advice.hub.${code}`) : plainCode(code, remoteError);
    return advice(base, summaryOf(what, oneLine(said)), say('supervisor.advice.do.hub'));
  }
  const summary = summaryOf(plainCode(code, remoteError), oneLine(said));

  for (const rule of MESSAGE_RULES) {
    if (!rule.codes.includes(code)) continue;
    const m = rule.pattern.exec(said);
    if (m) return advice(base, summary, rule.instruction(m));
  }
  return advice(base, summary, byCode(code, gaveUp?.[1]));
}

function advice(base: Pick<DeadLetterAdvice, 'code' | 'remoteError' | 'replayable'>, summary: Say, instruction: Say): DeadLetterAdvice {
  return { ...base, summary: english(summary), instruction: english(instruction), say: { summary, instruction } };
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

/** "What went wrong: what the remote said", the remote's words kept as they are (they are not ours to translate). */
const summaryOf = (what: Say, message: string): Say => say('supervisor.advice.summary', { what, message: message || say('supervisor.advice.noMessage') });

const CODES = ['REJECTED', 'AUTH', 'NOT_FOUND', 'SERVER', 'INVALID_REPLY', 'CONFIG', 'CONFLICT', 'UNEXPECTED', 'LOCAL'];
const HUB_CODES = ['SERVER', 'INVALID_REPLY'];
const whatSay = (code: string): Say => (CODES.includes(code) ? say(`supervisor.advice.what.${code}`) : say('supervisor.advice.what.code', { code }));

function plainCode(code: string, remoteError: string | null): Say {
  const what = whatSay(code);
  return remoteError ? say('supervisor.advice.whatFrom', { what, remote: remoteError.split('.').pop() ?? remoteError }) : what;
}

const LOCAL: readonly { prefix: string; key: string }[] = [
  { prefix: 'unparseable cached picking', key: 'supervisor.advice.do.localPicking' },
  { prefix: 'unparseable stored shipment', key: 'supervisor.advice.do.localShipment' },
  { prefix: 'unreadable outbox row', key: 'supervisor.advice.do.localEvent' },
  { prefix: 'unparseable outbox payload', key: 'supervisor.advice.do.localEvent' },
];

const MESSAGE_RULES: readonly { codes: readonly string[]; pattern: RegExp; instruction: (m: RegExpExecArray) => Say }[] = [
  {
    codes: ['REJECTED', 'NOT_FOUND'],
    pattern: /lot(?:\/serial(?: number)?)?\s+["'“]?([^"'”\s]+?)["'”]?\s+(?:does not exist|doesn't exist|not found)/i,
    instruction: (m) => say('supervisor.advice.do.createLot', { lot: m[1] ?? '' }),
  },
  {
    codes: ['REJECTED'],
    pattern: /supply a Lot\/Serial Number for (?:the )?products?:?\s*([\s\S]*)$/i,
    instruction: (m) => {
      const products = quoteList(m[1] ?? '');
      return products ? say('supervisor.advice.do.lotFor', { products }) : say('supervisor.advice.do.lotForAny');
    },
  },
  {
    codes: ['REJECTED'],
    pattern: /\bis (?:cancel(?:led)?|done)\b/i,
    instruction: () => say('supervisor.advice.do.closed'),
  },
];

/** Server and unreadable-reply failures say how often they were tried. */
const COUNTED = ['SERVER', 'INVALID_REPLY'];
const BY_CODE = ['AUTH', 'NOT_FOUND', 'CONFIG', 'UNEXPECTED', 'CONFLICT', ...COUNTED];

function byCode(code: string, attempts: string | undefined): Say {
  if (!BY_CODE.includes(code)) return say('supervisor.advice.do.generic');
  if (attempts !== undefined && COUNTED.includes(code)) return say(`supervisor.advice.do.${code}.tries`, { attempts: Number(attempts) });
  return say(`supervisor.advice.do.${code}`);
}
