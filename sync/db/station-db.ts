import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StationError } from '../../app/domain/errors';
import type { Clock } from '../../app/ports';
import { latestVersion, MIGRATIONS, type Migration } from './migrations';
import { toStationError } from './sqlite-errors';

export type StationDb = Database.Database;

const BUSY_TIMEOUT_MS = 5_000;

function ensureWritableDirectory(file: string): void {
  const dir = dirname(resolve(file));
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown';
    throw new StationError('CONFIG', `station database: folder ${dir} is not writable (${code}); choose another data folder`, {
      cause,
      detail: { dir, errno: code },
    });
  }
}

function userVersion(db: StationDb): number {
  const v = db.pragma('user_version', { simple: true });
  return typeof v === 'number' ? v : 0;
}

function migrate(db: StationDb, file: string, migrations: readonly Migration[]): void {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = latestVersion(ordered);
  const current = userVersion(db);
  if (current > latest) {
    // A downgraded agent must not write into a schema it does not know; the newer agent's data stays as it is.
    throw new StationError('CONFIG', `station database ${file} has schema version ${current}, this agent knows up to ${latest}`);
  }
  for (const m of ordered) {
    // IMMEDIATE takes the write lock before reading user_version, so two processes cannot both apply a migration.
    db.transaction(() => {
      if (userVersion(db) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }).immediate();
  }
}

/**
 * Opens (creating when needed) the station database and brings its schema up to date.
 *
 * synchronous=FULL: with WAL, NORMAL survives an agent crash but may lose the last commits on power loss. A station is
 * a desktop PC that gets unplugged, and a lost "label bought" row means a paid label nobody knows about (or a second
 * purchase). FULL costs one fsync per commit, which is nothing at a few commits per parcel.
 */
export function openStationDb(file: string, migrations: readonly Migration[] = MIGRATIONS): StationDb {
  const inMemory = file === ':memory:';
  if (!inMemory) ensureWritableDirectory(file);
  let db: StationDb | undefined;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!inMemory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') {
        throw new StationError('CONFIG', `station database ${file}: WAL is not available here (journal_mode=${String(mode)}); use a local disk`);
      }
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, file, migrations);
    return db;
  } catch (e) {
    if (db?.open) db.close();
    throw toStationError(e, `station database ${file}`);
  }
}

/** Folds the WAL back into the main file so a copy of the .db alone is a complete backup, then closes. */
export function closeStationDb(db: StationDb): void {
  if (!db.open) return;
  try {
    if (!db.memory) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A reader still holding the WAL makes the checkpoint busy; SQLite finishes it on the next open, nothing is lost.
  } finally {
    db.close();
  }
}

export interface DbIdentityWatch {
  /** Compares the path's file with the one opened; reports a loss once. True while they are the same file. */
  check(): boolean;
  stop(): void;
}

export interface DbIdentityOptions {
  clock: Clock;
  /** A stat() is microseconds; every few seconds bounds how long a station writes into a file nobody will read. */
  intervalMs?: number;
  onLost(error: StationError): void;
}

export const DB_IDENTITY_CHECK_MS = 2_000;

/**
 * An open SQLite connection keeps writing to its inode after the file was deleted, or replaced by a restore or a
 * sync tool: every label bought from then on is recorded where no restart will find it. SQLite cannot tell, so the
 * station compares the path's device and inode with those it opened.
 */
export function watchDbIdentity(db: StationDb, opts: DbIdentityOptions): DbIdentityWatch {
  const file = db.name;
  const inert: DbIdentityWatch = { check: () => true, stop: () => {} };
  if (db.memory) return inert;
  const opened = statSync(file);
  let lost = false;
  let timer: unknown = null;
  const check = (): boolean => {
    if (lost) return false;
    let reason: string | null = null;
    try {
      const now = statSync(file);
      if (now.ino !== opened.ino || now.dev !== opened.dev) reason = 'was replaced by another file';
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      // Anything but "not there" (a permission hiccup of a network home, say) is not proof of loss: look again later.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return true;
      reason = 'was deleted';
    }
    if (reason === null) return true;
    lost = true;
    stop();
    opts.onLost(
      new StationError('CONFIG', `station database ${file} ${reason} while the station was running; the station stopped taking work (restart it)`, {
        detail: { file, reason },
      }),
    );
    return false;
  };
  const schedule = () => {
    timer = opts.clock.setTimeout(() => {
      if (check()) schedule();
    }, opts.intervalMs ?? DB_IDENTITY_CHECK_MS);
  };
  const stop = () => {
    if (timer !== null) opts.clock.clearTimeout(timer);
    timer = null;
  };
  schedule();
  return { check, stop };
}
