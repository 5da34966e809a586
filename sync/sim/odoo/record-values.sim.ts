/** Value helpers of the record store: Odoo's LIKE patterns, many2many write commands and `child_of`. */

/** SQL LIKE as Odoo's `=like` / `=ilike` run it: `%` any run, `_` one character, nothing added around. */
export function likePattern(pattern: string, caseless: boolean): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, caseless ? 'is' : 's');
}

/** A many2many write's commands ((4, id), (3, id), (5,), (6, 0, ids) or bare ids) applied to the current ids. */
export function applyM2m(current: readonly number[], commands: unknown): number[] {
  let ids = [...current];
  for (const cmd of Array.isArray(commands) ? commands : []) {
    if (typeof cmd === 'number') ids.push(cmd);
    if (!Array.isArray(cmd)) continue;
    const [op, target, list] = cmd as [number, number, number[]];
    if (op === 4 && !ids.includes(target)) ids.push(target);
    else if (op === 3) ids = ids.filter((i) => i !== target);
    else if (op === 5) ids = [];
    else if (op === 6) ids = [...(list ?? [])];
  }
  return ids;
}

/** `child_of`: `id` is one of `ancestors` or below one, following `parentOf` up (a cycle ends the walk). */
export function isChildOf(id: unknown, ancestors: readonly unknown[], parentOf: (id: number) => unknown): boolean {
  const seen = new Set<number>();
  for (let current = id; typeof current === 'number' && !seen.has(current); current = parentOf(current)) {
    if (ancestors.includes(current)) return true;
    seen.add(current);
  }
  return false;
}
