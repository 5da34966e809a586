/**
 * A stored payload as a supervisor may see it: on a screen anyone walks past, in a terminal, pasted into a ticket. So
 * secrets go (by key name, and any known secret value wherever it appears), a customer's address is reduced to its
 * country, and a label's ZPL (kilobytes that mean nothing to a person) is shortened to its size.
 */
export const SECRET_KEY = /(api[_-]?key|apikey|password|passwd|secret|token|authorization)/i;
/** Objects that are a person or an address: everything in them but the country is personal. */
const ADDRESS_KEY = /^(partner|address|to_?address|from_?address|customer|recipient|buyer_address|return_address)$/i;
const PERSONAL_KEY = /^(street\d?|street_?\d|city|zip|postal_?code|phone|mobile|email|company|state)$/i;
const KEEP_IN_ADDRESS = /^(country|country_?code)$/i;
const ZPL_KEY = /zpl/i;
const MAX_TEXT = 4_000;
const MASK = '***';

export function maskPayload(raw: string, secrets: readonly string[] = []): string {
  let text: string;
  try {
    text = JSON.stringify(maskValue(JSON.parse(raw) as unknown, false), null, 2);
  } catch {
    text = maskText(raw);
  }
  text = scrubSecrets(text, secrets);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n… (${text.length - MAX_TEXT} more characters)` : text;
}

/** Removes known secret values (too short a value would mask half the text, and is no secret). */
export function scrubSecrets(text: string, secrets: readonly string[], mask = MASK): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(mask);
  return out;
}

function maskValue(value: unknown, personal: boolean, key = ''): unknown {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key)) return MASK;
    if (ZPL_KEY.test(key) || looksLikeZpl(value)) return shortZpl(value);
    if (personal && !KEEP_IN_ADDRESS.test(key)) return value.length === 0 ? value : MASK;
    if (PERSONAL_KEY.test(key)) return value.length === 0 ? value : MASK;
    return maskText(value);
  }
  if (Array.isArray(value)) return value.map((item) => maskValue(item, personal, key));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && v !== null && typeof v !== 'object' ? MASK : maskValue(v, personal || ADDRESS_KEY.test(k), k);
    }
    return out;
  }
  return value;
}

const looksLikeZpl = (text: string): boolean => /^\s*\^XA/.test(text) && text.length > 40;
const shortZpl = (zpl: string): string => `${zpl.slice(0, 12)}… (${zpl.length} characters of label ZPL)`;

/** Free text (a payload that is not JSON, a message): labels shortened, e-mail addresses hidden. */
function maskText(text: string): string {
  return text
    .replace(/\^XA[\s\S]*?(\^XZ|$)/g, (zpl) => (zpl.length > 40 ? shortZpl(zpl) : zpl))
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, MASK);
}
