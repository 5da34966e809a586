import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { StationError } from '../../app/domain/errors';

/** The part of Electron's `safeStorage` this store needs (OS keychain / DPAPI / libsecret backed). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const FileSchema = z.record(z.string(), z.string());

/**
 * API keys at rest for the Electron host: each value encrypted with the OS-backed cipher, base64 in a JSON file.
 * Nothing is ever written in clear text: when the OS offers no encryption, `set` refuses and the station must get its
 * secrets from the environment (the headless host's documented way).
 */
export class EncryptedSecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  get(name: string): string | undefined {
    const value = this.read()[name];
    if (value === undefined || !this.cipher.isEncryptionAvailable()) return undefined;
    return this.cipher.decryptString(Buffer.from(value, 'base64'));
  }

  set(name: string, plain: string): void {
    if (!this.cipher.isEncryptionAvailable()) {
      throw new StationError('CONFIG', 'OS encryption is unavailable: secrets are not stored; pass them through the environment');
    }
    const all = this.read();
    all[name] = this.cipher.encryptString(plain).toString('base64');
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    const parsed = FileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new StationError('CONFIG', `secret store ${this.file} is corrupt`);
    return parsed.data;
  }
}
