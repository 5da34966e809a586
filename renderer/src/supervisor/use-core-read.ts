import { useCallback, useEffect, useRef, useState } from 'react';
import type { StationLink } from '../bridge/station-api';

export interface CoreRead<T> {
  /** The last answer; null until the first one. */
  data: T | null;
  /** Why the last read failed; cleared by the next answer. */
  error: string | null;
  refresh(): void;
}

/**
 * A supervisor list read from the core: once on mount, again on `refresh()` and whenever the link to the station
 * (re)opens, since pushes sent while it was down are lost. `load` must be stable (a module-level function).
 * `changed` is what the pushed status says of the list (the open ids, a count): when it differs, the list is read again.
 */
export function useCoreRead<T>(api: StationLink, load: (api: StationLink) => Promise<T>, changed?: string | number): CoreRead<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    load(api).then(
      (answer) => {
        setData(answer);
        setError(null);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [api, load]);
  useEffect(() => {
    refresh();
    return api.onLink((state) => {
      if (state === 'open') refresh();
    });
  }, [api, refresh]);
  // The mount already read once: read again only when the status says something else than it did.
  const seen = useRef(changed);
  useEffect(() => {
    if (changed !== seen.current) refresh();
    seen.current = changed;
  }, [refresh, changed]);
  return { data, error, refresh };
}
