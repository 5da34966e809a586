import { StationError } from '../../app/domain/errors';

/** better-sqlite3 throws `SqliteError` with an extended result code such as `SQLITE_IOERR_WRITE`. */
export const sqliteCode = (e: unknown): string | null => {
  if (typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
};

const hasPrefix = (code: string, prefix: string): boolean => code === prefix || code.startsWith(`${prefix}_`);

/**
 * Maps the storage failures a packer or supervisor can act on to StationError, so the UI can say "disk full" rather
 * than print a stack. Anything else (constraint violations, SQL bugs) is rethrown unchanged: those are defects.
 */
export function toStationError(e: unknown, what: string): unknown {
  if (e instanceof StationError) return e;
  const code = sqliteCode(e);
  if (code === null) return e;
  const detail = { sqliteCode: code };
  const msg = e instanceof Error ? e.message : String(e);
  if (hasPrefix(code, 'SQLITE_FULL')) {
    return new StationError('DEVICE', `${what}: the disk is full (${msg}); free space, nothing was written`, { cause: e, detail });
  }
  if (hasPrefix(code, 'SQLITE_READONLY') || hasPrefix(code, 'SQLITE_CANTOPEN') || hasPrefix(code, 'SQLITE_PERM')) {
    return new StationError('CONFIG', `${what}: the database file or its folder is not writable (${msg})`, { cause: e, detail });
  }
  if (hasPrefix(code, 'SQLITE_BUSY') || hasPrefix(code, 'SQLITE_LOCKED')) {
    // DEVICE is retryable: another process (a second agent, a backup tool) holds the lock for a moment.
    return new StationError('DEVICE', `${what}: the database is locked by another process (${msg})`, { cause: e, detail });
  }
  if (hasPrefix(code, 'SQLITE_IOERR') || hasPrefix(code, 'SQLITE_CORRUPT') || hasPrefix(code, 'SQLITE_NOTADB')) {
    return new StationError('DEVICE', `${what}: storage error (${msg}); the file was left untouched`, { cause: e, detail });
  }
  return e;
}

/** Runs `fn` and rethrows storage failures as StationError. */
export function withStorageErrors<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toStationError(e, what);
  }
}
