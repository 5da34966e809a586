/**
 * The bench's function keys (app/commands/station-commands.ts: F2 pack … F12 supervisor panel), so the screen never
 * needs a mouse. One listener on the window; whatever is on screen registers what its key does now (a button that is
 * shown, the reprint form that can open), and the most recent registration of a key wins. Keys the browser itself
 * uses (F3 find, F7 caret browsing, F10 menu, F12 developer tools) are kept from it even when nothing is registered.
 * Letters and digits are never taken: a keyboard-wedge scanner types them.
 */
import { useEffect, useRef } from 'react';
import { commandById, commandForKey, type StationCommandId } from '../../../app/commands/station-commands';

type Handler = () => void;

const handlers = new Map<StationCommandId, Handler[]>();

function register(id: StationCommandId, handler: Handler): () => void {
  const list = handlers.get(id) ?? [];
  list.push(handler);
  handlers.set(id, list);
  return () => {
    const at = list.indexOf(handler);
    if (at >= 0) list.splice(at, 1);
  };
}

/** The key of a command, as shown on its button: `F2`. */
export const keyOf = (id: StationCommandId): string => commandById(id).key;

/** Runs the command a key gives, if anything on screen registered it; true when the key is one of the bench's. */
function pressKey(key: string): boolean {
  const command = commandForKey(key);
  if (command === null) return false;
  handlers.get(command.id)?.at(-1)?.();
  return true;
}

/** Installs the one key listener; mount once, at the top of the screen. */
export function useStationKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
      if (commandForKey(event.key) === null) return;
      event.preventDefault();
      // Held down, a key would repeat the command: one press, one command.
      if (!event.repeat) pressKey(event.key);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}

/** What the command's key does while this component is on screen; `null`: nothing now (the key is still kept). */
export function useCommandKey(id: StationCommandId, handler: Handler | null): void {
  const latest = useRef(handler);
  latest.current = handler;
  const active = handler !== null;
  useEffect(() => {
    if (!active) return;
    return register(id, () => latest.current?.());
  }, [id, active]);
}
