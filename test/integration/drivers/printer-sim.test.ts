/**
 * The simulator as any raw-9100 client sees it: arbitrary chunking, queries anywhere in the stream, silence when faulted.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZplPrinterSimulator } from '../../../drivers/sim/zpl-printer.sim';
import { HostStatusCollector, isFrameError, toPrinterStatus } from '../../../drivers/printers/zebra-host-status';

const LABEL = '^XA^FO20,20^A0N,30,30^FDhello^FS^XZ';

/** Opens a client, writes `parts` one by one (each its own write, so the server sees separate chunks). */
async function connect(port: number): Promise<net.Socket> {
  const socket = net.createConnection({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Resolves with the collected ~HS reply, or 'silent' once `ms` passed without one. */
function readStatus(socket: net.Socket, ms: number): Promise<ReturnType<HostStatusCollector['push']> | 'silent'> {
  const collector = new HostStatusCollector();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('silent'), ms);
    socket.on('data', (chunk: Buffer) => {
      const result = collector.push(chunk);
      if (result !== null) {
        clearTimeout(timer);
        resolve(result);
      }
    });
  });
}

const write = (socket: net.Socket, data: string): Promise<void> =>
  new Promise((resolve, reject) => socket.write(data, (e) => (e ? reject(e) : resolve())));

describe('ZplPrinterSimulator over TCP', () => {
  let sim: ZplPrinterSimulator;
  let port: number;
  let client: net.Socket | null = null;

  beforeEach(async () => {
    sim = new ZplPrinterSimulator();
    const bound = await sim.listen();
    port = bound.port;
    expect(bound.url).toBe(`tcp://127.0.0.1:${port}`);
  });

  afterEach(async () => {
    client?.destroy();
    client = null;
    await sim.close();
  });

  it('assembles a label written in tiny chunks and answers a ~HS embedded in it', async () => {
    client = await connect(port);
    const seen: string[] = [];
    sim.onJob((zpl) => seen.push(zpl));
    const reply = readStatus(client, 2000);
    const stream = `${LABEL.slice(0, 15)}~HS${LABEL.slice(15)}`;
    for (let i = 0; i < stream.length; i += 3) await write(client, stream.slice(i, i + 3));
    const status = await reply;
    if (status === 'silent' || status === null || isFrameError(status)) throw new Error(`no status: ${JSON.stringify(status)}`);
    expect(toPrinterStatus(status)).toEqual({ ready: true, faults: [], labelsWaiting: 0 });
    await expect.poll(() => sim.jobs(), { timeout: 2000 }).toEqual([LABEL]);
    expect(seen).toEqual([LABEL]);
    expect(sim.labelCount()).toBe(1);
  });

  it.each(['paper_out', 'ribbon_out', 'head_open'] as const)('stays silent to ~HS while %s, and answers ~HQES', async (fault) => {
    sim.setFault(fault);
    client = await connect(port);
    const reply = readStatus(client, 300);
    await write(client, '~HS');
    expect(await reply).toBe('silent');
    const hq = new Promise<string>((resolve) => {
      let text = '';
      client!.on('data', (c: Buffer) => {
        text += c.toString('latin1');
        if (text.includes('\x03')) resolve(text);
      });
    });
    await write(client, '~HQES');
    expect(await hq).toMatch(/ERRORS:\s+1 00000000 0000000[124]/);
  });

  it('holds labels while paused and reports them in the buffer', async () => {
    sim.setFault('paused');
    client = await connect(port);
    await write(client, LABEL + LABEL);
    await expect.poll(() => sim.jobs().length, { timeout: 2000 }).toBe(2);
    const reply = readStatus(client, 2000);
    await write(client, '~HS');
    const status = await reply;
    if (status === 'silent' || status === null || isFrameError(status)) throw new Error('no status');
    expect(toPrinterStatus(status)).toEqual({ ready: false, faults: ['paused'], labelsWaiting: 2 });
    expect(sim.labelCount()).toBe(0);
    sim.setFault(null);
    expect(sim.labelCount()).toBe(2);
  });

  it('close() ends open connections and frees the port', async () => {
    client = await connect(port);
    const closed = new Promise<void>((resolve) => client!.once('close', () => resolve()));
    await sim.close();
    await closed;
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
