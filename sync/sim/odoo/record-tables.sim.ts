import { FieldIndex } from './field-index.sim';
import { UndoJournal } from './undo-journal.sim';
import type { Savepoint, Undo } from './undo-journal.sim';

type Row = Record<string, unknown> & { id: number };

/**
 * The rows of every model, kept so that a call costs what it touches, not what the database holds: every change goes
 * through here, so the undo journal can take a failed call back (savepoints) and the field indexes stay true,
 * rollbacks included. Rows are handed out in id order.
 */
export class RecordTables {
  private readonly tables = new Map<string, Map<number, Row>>();
  private readonly seq = new Map<string, number>();
  private readonly indexes = new Map<string, Map<string, FieldIndex>>();
  private readonly journal = new UndoJournal();

  constructor(models: Iterable<string>) {
    for (const model of models) this.tables.set(model, new Map());
  }

  get(model: string, id: number): Row | undefined {
    return this.table(model).get(id);
  }

  rows(model: string): Row[] {
    return [...this.table(model).values()];
  }

  count(model: string): number {
    return this.table(model).size;
  }

  /** Ids of the rows whose `field` holds `value`, in id order; the index is built on first use, then kept. */
  ids(model: string, field: string, value: unknown): readonly number[] {
    let byField = this.indexes.get(model);
    if (!byField) this.indexes.set(model, (byField = new Map()));
    let index = byField.get(field);
    if (!index) byField.set(field, (index = new FieldIndex(field, this.table(model).values())));
    return index.ids(value);
  }

  /**
   * When every leaf of a domain must hold (no `|`, no `!`): the rows of its narrowest `=` / `in` leaf on the id or an
   * `indexable` field, still to be matched against the whole domain. Null: every row is a candidate.
   */
  candidates(model: string, domain: readonly unknown[], indexable: (field: string) => boolean): Row[] | null {
    if (domain.some((term) => term === '|' || term === '!')) return null;
    const table = this.table(model);
    let best: readonly number[] | null = null;
    for (const term of domain) {
      if (!Array.isArray(term) || (term[1] !== '=' && term[1] !== 'in')) continue;
      const [name, op, expected] = term as [unknown, string, unknown];
      const values = op === 'in' && Array.isArray(expected) ? [...new Set(expected)] : [expected];
      if (values.some((v) => typeof v === 'object' && v !== null)) continue;
      let ids: readonly number[];
      if (name === 'id') ids = values.filter((v): v is number => typeof v === 'number' && table.has(v));
      // One value: the index's own list, not a copy of it (a field such as res_model holds one value for thousands).
      else if (typeof name === 'string' && indexable(name)) ids = values.length === 1 ? this.ids(model, name, values[0]) : values.flatMap((v) => this.ids(model, name, v));
      else continue;
      if (best === null || ids.length < best.length) best = ids;
    }
    return best === null ? null : best.map((id) => table.get(id) as Row);
  }

  /** The id the next create takes (a sequence never goes back, except with the call that moved it). */
  nextId(model: string): number {
    const before = this.seq.get(model);
    this.journal.sequenceMoving(model, before);
    const id = (before ?? 0) + 1;
    this.seq.set(model, id);
    return id;
  }

  insert(model: string, row: Row): void {
    this.journal.created(model, row.id);
    this.table(model).set(row.id, row);
    this.reindex(model, row);
  }

  /** Changes one stored value of a row held by the table: copied into the journal first, indexes moved. */
  set(model: string, row: Row, name: string, value: unknown): void {
    this.journal.changing(model, row);
    this.indexes.get(model)?.get(name)?.move(row.id, row[name], value);
    row[name] = value;
  }

  remove(model: string, id: number): void {
    const table = this.table(model);
    const row = table.get(id);
    if (!row) return;
    this.journal.unlinked(model, row);
    this.unindex(model, row);
    table.delete(id);
  }

  /** Opens a savepoint: every change after it can be taken back with `rollback`, or kept with `release`. Nests. */
  savepoint(): Savepoint {
    return this.journal.savepoint();
  }

  release(savepoint: Savepoint): void {
    this.journal.release(savepoint);
  }

  /** Takes back every change since `savepoint`, newest first. A changed row comes back as its copy, a new object. */
  rollback(savepoint: Savepoint): void {
    const reinserted = new Set<string>();
    for (const undo of this.journal.takeBack(savepoint)) this.undo(undo, reinserted);
    for (const model of reinserted) this.keepIdOrder(model);
  }

  private undo(undo: Undo, reinserted: Set<string>): void {
    const table = this.table(undo.model);
    if (undo.kind === 'sequence') {
      if (undo.before === undefined) this.seq.delete(undo.model);
      else this.seq.set(undo.model, undo.before);
      return;
    }
    if (undo.kind === 'created') {
      const row = table.get(undo.id);
      if (row) this.unindex(undo.model, row);
      table.delete(undo.id);
      return;
    }
    const row = undo.kind === 'changed' ? undo.before : undo.row;
    const current = table.get(row.id);
    if (current) this.unindex(undo.model, current);
    else reinserted.add(undo.model);
    table.set(row.id, row);
    this.reindex(undo.model, row);
  }

  /** Rows go out in id order (a Map's insertion order): an unlinked row put back went to the end. */
  private keepIdOrder(model: string): void {
    const table = this.table(model);
    let last = -Infinity;
    for (const id of table.keys()) {
      if (id < last) {
        const rows = [...table.values()].sort((a, b) => a.id - b.id);
        table.clear();
        for (const row of rows) table.set(row.id, row);
        return;
      }
      last = id;
    }
  }

  private reindex(model: string, row: Row): void {
    for (const index of this.indexes.get(model)?.values() ?? []) index.add(row.id, row[index.field]);
  }

  private unindex(model: string, row: Row): void {
    for (const index of this.indexes.get(model)?.values() ?? []) index.remove(row.id, row[index.field]);
  }

  private table(model: string): Map<number, Row> {
    const table = this.tables.get(model);
    if (!table) throw new Error(`record store: no table ${model}`);
    return table;
  }
}
