/**
 * The ids of one model's records by the value of one stored field, each list in id order (the order the store
 * hands rows out in): a picking's move lines, or `picking_id in [...]`, without a look at every line of every
 * picking. Values are compared as Map keys (SameValueZero), which finds at least every row `===` would.
 */
export class FieldIndex {
  private readonly byValue = new Map<unknown, number[]>();

  constructor(
    readonly field: string,
    rows: Iterable<Record<string, unknown> & { id: number }>,
  ) {
    for (const row of rows) this.add(row.id, row[field]);
  }

  ids(value: unknown): readonly number[] {
    return this.byValue.get(value) ?? [];
  }

  add(id: number, value: unknown): void {
    const ids = this.byValue.get(value);
    if (!ids) {
      this.byValue.set(value, [id]);
      return;
    }
    // New records have the highest id: appending is the usual case, a value written later finds its place.
    if (ids.length === 0 || (ids[ids.length - 1] as number) < id) ids.push(id);
    else {
      const at = lowerBound(ids, id);
      if (ids[at] !== id) ids.splice(at, 0, id);
    }
  }

  remove(id: number, value: unknown): void {
    const ids = this.byValue.get(value);
    if (!ids) return;
    const at = lowerBound(ids, id);
    if (ids[at] !== id) return;
    ids.splice(at, 1);
    if (ids.length === 0) this.byValue.delete(value);
  }

  move(id: number, from: unknown, to: unknown): void {
    if (Object.is(from, to)) return;
    this.remove(id, from);
    this.add(id, to);
  }
}

function lowerBound(sorted: readonly number[], id: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
