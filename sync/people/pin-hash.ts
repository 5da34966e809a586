import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * PINs are kept as `scrypt$<salt hex>$<key hex>` (node's scrypt, N=16384 r=8 p=1, 16-byte salt, 32-byte key): the
 * format `people.supervisorPinHash` takes and `station people pin` prints. A PIN is a few digits, so the hash only
 * slows guessing down; the station's PIN lock does the rest.
 */
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const HASH = /^scrypt\$([0-9a-f]{32})\$([0-9a-f]{64})$/;

export function hashPin(pin: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  return `scrypt$${salt.toString('hex')}$${scryptSync(pin, salt, KEY_BYTES).toString('hex')}`;
}

/** False for a hash in any other format, never an exception: a bad hash is a PIN that does not match. */
export function pinMatches(pin: string, hash: string): boolean {
  const parts = HASH.exec(hash);
  if (!parts) return false;
  const expected = Buffer.from(parts[2] as string, 'hex');
  return timingSafeEqual(scryptSync(pin, Buffer.from(parts[1] as string, 'hex'), KEY_BYTES), expected);
}
