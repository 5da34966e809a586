import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StationError } from '../../app/domain/errors';
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
