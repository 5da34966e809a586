import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { StationError } from '../../app/domain/errors';

/** Where the station keeps the token the hub gave it (the Electron host: its encrypted secrets; headless: a file). */
export interface HubTokenStore {
  read(): string | undefined;
  write(token: string): void;
}

/**
 * The headless host has no OS keychain: the token lives in `<dataDir>/hub-token`, readable by the station's user only
 * (0600), replaced by an atomic rename so a crash never leaves half a token.
 */
export class FileHubTokenStore implements HubTokenStore {
  constructor(private readonly file: string) {}

  read(): string | undefined {
    if (!existsSync(this.file)) return undefined;
    const token = readFileSync(this.file, 'utf8').trim();
    return token === '' ? undefined : token;
  }

  write(token: string): void {
    const tmp = `${this.file}.tmp`;
    try {
      writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
      // `mode` applies only to a new file: a leftover temp file from a crash keeps its own mode otherwise.
      chmodSync(tmp, 0o600);
      renameSync(tmp, this.file);
    } catch (cause) {
      throw new StationError('CONFIG', `the hub token cannot be stored in ${this.file}`, { cause });
    }
  }
}
