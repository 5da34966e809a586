import { SECRET_KEY, scrubSecrets } from '../outbox/payload.mask';

/** What a diagnostics bundle shows instead of a secret. */
export const SECRET_MASK = '[secret]';

/** A copy of `value` with the value of every secret key (apiKey, token, password, …) replaced, at any depth. */
export function maskSecretKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecretKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) && inner !== undefined && inner !== null ? SECRET_MASK : maskSecretKeys(inner)]),
  );
}

/** The string values held under secret keys in `value`, to mask them wherever else they show up (log lines). */
export function secretValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretValues);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => (SECRET_KEY.test(key) && typeof inner === 'string' ? [inner] : secretValues(inner)));
}

/** `text` with each known secret value replaced by `[secret]`. */
export const maskSecretValues = (text: string, secrets: readonly string[]): string => scrubSecrets(text, secrets, SECRET_MASK);
