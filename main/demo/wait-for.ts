import type { AnyActorRef, SnapshotFrom } from 'xstate';

/** Resolves with the first snapshot that satisfies `predicate`; rejects after `timeoutMs` naming the state it saw. */
export function waitForSnapshot<A extends AnyActorRef>(
  actor: A,
  predicate: (snapshot: SnapshotFrom<A>) => boolean,
  timeoutMs: number,
  what: string,
): Promise<SnapshotFrom<A>> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub?.unsubscribe();
      fn();
    };
    const timer = setTimeout(() => {
      const snapshot = actor.getSnapshot() as { value?: unknown; context?: { error?: unknown; setAside?: { detail?: unknown } | null } };
      const said = snapshot.context?.setAside?.detail ?? snapshot.context?.error;
      const value = JSON.stringify(snapshot.value) + (typeof said === 'string' ? `: ${said}` : '');
      finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (state ${value})`)));
    }, timeoutMs);
    const check = (snapshot: SnapshotFrom<A>) => {
      if (predicate(snapshot)) finish(() => resolve(snapshot));
    };
    const sub: { unsubscribe(): void } | undefined = actor.subscribe(check);
    check(actor.getSnapshot());
  });
}

/** Polls `condition` every `everyMs` until true or `timeoutMs` passes. For state held outside an actor (or in a database). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
