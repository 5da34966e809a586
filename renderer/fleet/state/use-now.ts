import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs`: ages ("offline 3 min") tick without new data. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
