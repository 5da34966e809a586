/**
 * Preload of the sandboxed renderer: exposes `window.station`, typed from the one IPC contract, and nothing else.
 * Bundled by esbuild (a sandboxed preload cannot require node_modules).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, pushEvents, type Channel, type PushEvent, type StationApi } from '../../app/ipc/contract';

const api: StationApi = {
  async invoke(channel, req) {
    if (!(channel in channels)) throw new Error(`unknown channel ${String(channel)}`);
    const res: unknown = await ipcRenderer.invoke(channel, channels[channel as Channel].req.parse(req));
    return channels[channel].res.parse(res) as never;
  },
  on(event, listener) {
    if (!(event in pushEvents)) throw new Error(`unknown event ${String(event)}`);
    const handler = (_e: IpcRendererEvent, payload: unknown) => {
      const parsed = pushEvents[event as PushEvent].safeParse(payload);
      if (parsed.success) listener(parsed.data as never);
    };
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('station', api);
