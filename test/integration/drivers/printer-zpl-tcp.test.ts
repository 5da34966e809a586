/**
 * ZplTcpPrinter (ZplPrinter over raw TCP) against the Zebra simulator through real TCP sockets on 127.0.0.1.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceHealth } from '../../../app/domain';
import { StationError } from '../../../app/domain';
import { ZplPrinterSimulator } from '../../../drivers/sim/zpl-printer.sim';
import { ZplTcpPrinter } from '../../../drivers/printers/zpl-tcp-printer';
import { freePort, listenLocal } from '../../support/free-port';
import { realClock as clock } from '../../support/real-clock';

const STATUS_TIMEOUT_MS = 300;
const LABEL_1 = '^XA^FO50,50^A0N,40,40^FDParcel 1^FS^BCN,100,Y,N,N^FD1Z999AA10123456784^FS^XZ';
const LABEL_2 = '^XA^FO50,50^A0N,40,40^FDParcel 2^FS^BCN,100,Y,N,N^FD1Z999AA10123456793^FS^XZ';

const expectNetworkError = async (promise: Promise<unknown>): Promise<void> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StationError);
  expect((error as StationError).code).toBe('NETWORK');
};

describe('ZplTcpPrinter ↔ ZplPrinterSimulator', () => {
  let sim: ZplPrinterSimulator;
  let printer: ZplTcpPrinter;

  beforeEach(async () => {
    sim = new ZplPrinterSimulator({ dpi: 203 });
    const { url } = await sim.listen();
    printer = new ZplTcpPrinter({ url, dpi: 203, statusTimeoutMs: STATUS_TIMEOUT_MS, connectTimeoutMs: 1000 }, { clock });
  });

  afterEach(async () => {
    await printer.stop();
    await sim.close();
  });

  it('prints two labels; the simulator has both, complete and in order', async () => {
    await printer.print(LABEL_1);
    await printer.print(LABEL_2);
    await vi.waitFor(() => expect(sim.labelCount()).toBe(2), { timeout: 2000 });
    expect(sim.jobs()).toEqual([LABEL_1, LABEL_2]);
    expect(printer.health().state).toBe('connected');
  });

  it('start() probes the printer: connecting → connected, ready', async () => {
    const seen: DeviceHealth[] = [];
    printer.onHealth((h) => seen.push(h));
    expect(printer.health().state).toBe('connecting');
    await printer.start();
    expect(seen.map((h) => h.state)).toEqual(['connected']);
    expect(printer.health().detail).toBe('Ready');
    expect(await printer.status()).toEqual({ ready: true, faults: [], labelsWaiting: 0 });
    expect(printer.dpi()).toBe(203);
  });

  it('paper out: ~HS goes unanswered, ~HQES names the fault; held labels print once it clears', async () => {
    await printer.start();
    sim.setFault('paper_out');
    const started = Date.now();
    expect(await printer.status()).toEqual({ ready: false, faults: ['paper_out'] });
    expect(Date.now() - started).toBeLessThan(STATUS_TIMEOUT_MS + 1000);
    expect(printer.health()).toMatchObject({ state: 'fault', detail: 'Paper out: load labels and close the head' });

    await printer.print(LABEL_1);
    await vi.waitFor(() => expect(sim.jobs()).toEqual([LABEL_1]), { timeout: 2000 });
    expect(sim.labelCount()).toBe(0);

    sim.setFault(null);
    expect(sim.labelCount()).toBe(1);
    expect(await printer.status()).toEqual({ ready: true, faults: [], labelsWaiting: 0 });
    expect(printer.health().state).toBe('connected');
  });

  it('paused: the printer still answers and says so; held labels count as waiting', async () => {
    sim.setFault('paused');
    await printer.print(LABEL_1);
    await vi.waitFor(() => expect(sim.jobs()).toHaveLength(1), { timeout: 2000 });
    expect(await printer.status()).toEqual({ ready: false, faults: ['paused'], labelsWaiting: 1 });
    expect(printer.health()).toMatchObject({ state: 'fault', detail: expect.stringMatching(/paused/i) });
    sim.setFault(null);
    expect(sim.labelCount()).toBe(1);
  });

  it('a ZPL clone that answers while faulted reports the head open', async () => {
    const clone = new ZplPrinterSimulator({ answerWhileFaulted: true });
    const { url } = await clone.listen();
    const other = new ZplTcpPrinter({ url, dpi: 203, statusTimeoutMs: STATUS_TIMEOUT_MS }, { clock });
    try {
      clone.setFault('head_open');
      expect(await other.status()).toMatchObject({ ready: false, faults: ['head_open'] });
      expect(other.health().detail).toMatch(/close the head/);
    } finally {
      await other.stop();
      await clone.close();
    }
  });

  it('identify() reads model and real dpi from ~HI', async () => {
    const sim300 = new ZplPrinterSimulator({ dpi: 300 });
    const { url } = await sim300.listen();
    const other = new ZplTcpPrinter({ url, dpi: 203 }, { clock });
    try {
      expect(await other.identify()).toMatchObject({ model: 'ZD421-300dpi', dotsPerMm: 12, dpi: 300 });
    } finally {
      await other.stop();
      await sim300.close();
    }
  });

});

describe('ZplTcpPrinter without a printer', () => {
  it('nothing listening: start() does not throw, print rejects NETWORK, health is disconnected', async () => {
    const url = `tcp://127.0.0.1:${await freePort()}`;
    const printer = new ZplTcpPrinter({ url, dpi: 300, statusTimeoutMs: STATUS_TIMEOUT_MS, connectTimeoutMs: 1000 }, { clock });
    try {
      await printer.start();
      expect(printer.health()).toMatchObject({ state: 'disconnected', detail: expect.stringMatching(/ECONNREFUSED/) });
      await expectNetworkError(printer.print(LABEL_1));
      await expectNetworkError(printer.status());
      expect(printer.health().state).toBe('disconnected');
    } finally {
      await printer.stop();
    }
  });

  it('a connection reset by the peer rejects the print with NETWORK', async () => {
    const server = net.createServer((socket) => socket.resetAndDestroy());
    const port = await listenLocal(server);
    const printer = new ZplTcpPrinter({ url: `tcp://127.0.0.1:${port}`, dpi: 203 }, { clock });
    try {
      await expectNetworkError(printer.print(LABEL_1.repeat(2000)));
      expect(printer.health().state).toBe('disconnected');
    } finally {
      await printer.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('stop() cuts an in-flight status short instead of waiting for the timeout', async () => {
    // A listener that accepts and never answers, so the status query is certainly in flight when stop() runs.
    const accepted: net.Socket[] = [];
    let onAccept: () => void = () => undefined;
    const server = net.createServer((socket) => {
      accepted.push(socket);
      onAccept();
    });
    const port = await listenLocal(server);
    const printer = new ZplTcpPrinter({ url: `tcp://127.0.0.1:${port}`, dpi: 203, statusTimeoutMs: 10_000 }, { clock });
    try {
      const inFlight = new Promise<void>((resolve) => (onAccept = resolve));
      const pending = printer.status();
      await inFlight;
      const started = Date.now();
      await printer.stop();
      await expectNetworkError(pending);
      expect(Date.now() - started).toBeLessThan(2000);
      await expectNetworkError(printer.print(LABEL_1));
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('rejects a url that is not tcp://host:port with CONFIG', () => {
    expect(() => new ZplTcpPrinter({ url: 'http://printer:9100', dpi: 203 }, { clock })).toThrow(
      expect.objectContaining({ code: 'CONFIG' }),
    );
  });

  it('rejects an empty label with REJECTED before touching the network', async () => {
    const printer = new ZplTcpPrinter({ url: 'tcp://127.0.0.1:9', dpi: 203 }, { clock });
    await expect(printer.print('')).rejects.toMatchObject({ code: 'REJECTED' });
    expect(printer.health().state).toBe('connecting');
  });
});
