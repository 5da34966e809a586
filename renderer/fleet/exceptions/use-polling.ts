import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/fleet-http';

export interface Polled<T> {
  data: T | null;
  error: string | null;
  /** Asks again now (after an action), without waiting for the next tick. */
  reload(): void;
}

/**
 * Asks `load` now and every `everyMs` while the view is shown; a new `load` (a changed filter) asks at once. An
 * answer that arrives after a newer question was asked is dropped, so a slow old page never replaces a newer one.
 */
export function usePolling<T>(load: () => Promise<T>, everyMs: number): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const ask = useCallback(() => {
    const n = ++asked.current;
    load().then(
      (answer) => n === asked.current && (setData(answer), setError(null)),
      (err: unknown) => n === asked.current && setError(errorText(err)),
    );
  }, [load]);
  useEffect(() => {
    ask();
    const timer = setInterval(ask, everyMs);
    return () => {
      clearInterval(timer);
      // Answers to questions of an unmounted view or an old filter are dropped.
      asked.current += 1;
    };
  }, [ask, everyMs]);
  return { data, error, reload: ask };
}
