import type { StateValue } from 'xstate';

/** `packing.scanning` rather than `{ packing: 'scanning' }`: one string the UI and the e2e tests can compare. */
export function statePath(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? [];
  if (key === undefined) return '';
  return child === undefined ? key : `${key}.${statePath(child)}`;
}
