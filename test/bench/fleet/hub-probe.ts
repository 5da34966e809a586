/**
 * How promptly a hub answers at all: `GET /api/me` without a session (a 401 that touches no database) every 250 ms.
 * A slow answer means the hub's event loop was busy (PGlite runs its queries on it), which delays pings and pushes too.
 */
export function probeHub(url: string, everyMs = 250): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      await fetch(`${url}/api/me`, { signal: AbortSignal.timeout(30_000) }).then(
        async (response) => void (await response.arrayBuffer()),
        () => undefined,
      );
      samples.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}
