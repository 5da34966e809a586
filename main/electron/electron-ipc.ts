import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channels, parseRequest, pushEvents, type Channel, type PushEvent, type StationCore } from '../../app/ipc/contract';
import { isAppUrl } from './window-security';

/**
 * Serves the IPC contract to the renderer: every request is parsed with the contract's schema and only frames of the
 * app's own origin may call in.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: StationCore): () => void {
  const names = Object.keys(channels) as Channel[];
  for (const channel of names) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, req: unknown) => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(senderUrl)) throw new Error(`IPC refused from ${senderUrl || 'unknown frame'}`);
      return core.handle(channel, parseRequest(channel, req));
    });
  }
  return () => names.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Forwards the core's push events to a window; returns the unsubscribe. */
export function forwardPushEvents(core: StationCore, contents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  const offs = (Object.keys(pushEvents) as PushEvent[]).map((event) =>
    core.subscribe(event, (payload) => {
      if (!contents.isDestroyed()) contents.send(event, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}
