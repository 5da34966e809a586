type Row = Record<string, unknown> & { id: number };

/** One change to take back: a row as it was before its first change, a create, an unlink, a sequence move. */
export type Undo =
  | { kind: 'changed'; model: string; before: Row }
  | { kind: 'created'; model: string; id: number }
  | { kind: 'unlinked'; model: string; row: Row }
  | { kind: 'sequence'; model: string; before: number | undefined };

/** An open savepoint, handed back to `release` or `takeBack`. */
export interface Savepoint {
  readonly journal: UndoJournal;
}

interface Level {
  savepoint: Savepoint;
  start: number;
  /** Rows (and sequences) this level already holds the earlier state of: later changes need no copy. */
  saved: Set<string>;
}

/**
 * What a call changed, so that a failing call can be taken back whole without a copy of everything: a row is copied
 * the first time it changes after the innermost savepoint, creates, unlinks and sequence moves are noted. Nothing
 * is written down while no savepoint is open (seeding, tests). Savepoints nest; releasing the outermost one forgets
 * the journal, so its size follows the call, never the data.
 */
export class UndoJournal {
  private readonly entries: Undo[] = [];
  private readonly levels: Level[] = [];

  get open(): boolean {
    return this.levels.length > 0;
  }

  savepoint(): Savepoint {
    const savepoint: Savepoint = { journal: this };
    this.levels.push({ savepoint, start: this.entries.length, saved: new Set() });
    return savepoint;
  }

  /** Before a row's fields change: its copy, the first time since the innermost savepoint. */
  changing(model: string, row: Row): void {
    const level = this.levels[this.levels.length - 1];
    const key = `${model}\u0000${row.id}`;
    if (!level || level.saved.has(key)) return;
    level.saved.add(key);
    this.entries.push({ kind: 'changed', model, before: copyRow(row) });
  }

  created(model: string, id: number): void {
    const level = this.levels[this.levels.length - 1];
    if (!level) return;
    // Taking the create back drops the row: whatever it went through later needs no copy.
    level.saved.add(`${model}\u0000${id}`);
    this.entries.push({ kind: 'created', model, id });
  }

  /** The row leaves the table and is never changed again by the store: the journal keeps the object itself. */
  unlinked(model: string, row: Row): void {
    if (this.open) this.entries.push({ kind: 'unlinked', model, row });
  }

  sequenceMoving(model: string, before: number | undefined): void {
    const level = this.levels[this.levels.length - 1];
    const key = `${model}\u0000seq`;
    if (!level || level.saved.has(key)) return;
    level.saved.add(key);
    this.entries.push({ kind: 'sequence', model, before });
  }

  /** Keeps what happened since `savepoint` (and closes the savepoints opened after it). */
  release(savepoint: Savepoint): void {
    const at = this.depthOf(savepoint);
    const closed = this.levels.splice(at);
    const outer = this.levels[at - 1];
    if (!outer) {
      this.entries.length = 0;
      return;
    }
    // A row first copied inside is as it was when the outer level began, unless the outer level copied it already.
    for (const level of closed) for (const key of level.saved) outer.saved.add(key);
  }

  /** The changes since `savepoint`, newest first, for the store to undo; the savepoint (and those inside it) close. */
  takeBack(savepoint: Savepoint): Undo[] {
    const at = this.depthOf(savepoint);
    const start = (this.levels[at] as Level).start;
    this.levels.length = at;
    return this.entries.splice(start).reverse();
  }

  private depthOf(savepoint: Savepoint): number {
    const at = this.levels.findIndex((l) => l.savepoint === savepoint);
    if (at < 0) throw new Error('record store: this savepoint was already released or rolled back');
    return at;
  }
}

/** Writes replace field values (x2many lists included) rather than change them in place; the lists are copied anyway. */
function copyRow(row: Row): Row {
  const copy: Row = { ...row };
  for (const [name, value] of Object.entries(copy)) if (Array.isArray(value)) copy[name] = [...(value as unknown[])];
  return copy;
}
