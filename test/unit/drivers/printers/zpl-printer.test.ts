/**
 * ZplPrinter's decisions over a scripted fake transport and fake time: which query follows a silent ~HS, what the
 * operator reads, how the label counter and dpi are learned. No sockets.
 */
import { describe, expect, it, vi } from 'vitest';
import { StationError } from '../../../../app/domain';
import type { PrinterTransport, QueryResult } from '../../../../drivers/printers/printer-transport';
import { formatHqes } from '../../../../drivers/printers/zebra-hqes';
import { formatHostIdentification } from '../../../../drivers/printers/zebra-host-id';
import { ZplPrinter } from '../../../../drivers/printers/zpl-printer';
import { FakeClock, flushPromises } from '../../../support/fake-clock';

const READY_HS = '\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n';

type Reply = string | 'silent' | 'unsupported' | StationError;

/** Answers each request by its first bytes; `silent` waits for the caller's timeout like a real quiet printer. */
class ScriptedTransport implements PrinterTransport {
  readonly address = 'fake:printer';
  readonly asked: string[] = [];
  readonly written: Buffer[] = [];
  constructor(
    private readonly clock: FakeClock,
    public replies: Record<string, Reply>,
  ) {}

  async write(data: Buffer): Promise<void> {
    this.written.push(data);
  }

  query<T>(request: Buffer, collect: (chunk: Buffer) => T | null, timeoutMs: number): Promise<QueryResult<T>> {
    const text = request.toString('latin1');
    const key = Object.keys(this.replies).find((k) => text.startsWith(k)) ?? '';
    this.asked.push(key || text);
    const reply = this.replies[key] ?? 'silent';
    if (reply instanceof StationError) return Promise.reject(reply);
    if (reply === 'unsupported') return Promise.resolve({ kind: 'unsupported' });
    if (reply === 'silent') return new Promise((resolve) => this.clock.setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs));
    // Delivered in two chunks, as a socket may.
    const half = Math.floor(reply.length / 2);
    const first = collect(Buffer.from(reply.slice(0, half), 'latin1'));
    const value = first ?? collect(Buffer.from(reply.slice(half), 'latin1'));
    return Promise.resolve(value === null ? { kind: 'timeout' } : { kind: 'answer', value });
  }

  async close(): Promise<void> {}
}

function rig(replies: Record<string, Reply>, dpi: 203 | 300 = 203) {
  const clock = new FakeClock();
  const transport = new ScriptedTransport(clock, replies);
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const printer = new ZplPrinter(transport, { dpi, statusTimeoutMs: 1000 }, { clock, log });
  /** Runs `op` while moving fake time, so silent replies time out. */
  const run = async <T>(op: Promise<T>): Promise<T> => {
    let settled = false;
    void op.finally(() => (settled = true)).catch(() => undefined);
    for (let i = 0; i < 20 && !settled; i++) await clock.advanceAsync(250);
    await flushPromises();
    return op;
  };
  return { clock, transport, printer, log, run };
}

describe('ZplPrinter status', () => {
  it('~HS answered: no ~HQES needed', async () => {
    const { printer, transport, run } = rig({ '~HS': READY_HS });
    expect(await run(printer.status())).toEqual({ ready: true, faults: [], labelsWaiting: 0 });
    expect(transport.asked).toEqual(['~HS']);
  });

  it('~HS silent → ~HQES: media out and ribbon out, in the operator’s words', async () => {
    const { printer, transport, run, clock } = rig({ '~HS': 'silent', '~HQES': formatHqes(0x3) });
    const started = clock.now();
    expect(await run(printer.status())).toEqual({ ready: false, faults: ['paper_out', 'ribbon_out'] });
    expect(clock.now() - started).toBeGreaterThanOrEqual(1000);
    expect(transport.asked).toEqual(['~HS', '~HQES']);
    expect(printer.health()).toMatchObject({
      state: 'fault',
      detail: 'Paper out: load labels and close the head; Ribbon out: load a new ribbon and close the head',
    });
  });

  it('~HQES names an error the station has no fault for: not ready, named', async () => {
    const { printer, run } = rig({ '~HS': 'silent', '~HQES': formatHqes(0x8) });
    expect(await run(printer.status())).toEqual({ ready: false, faults: [] });
    expect(printer.health()).toMatchObject({ state: 'fault', detail: 'Printer error: cutter fault' });
  });

  it('silent to both (or ~HQES says all is well while ~HS is silent): no_answer', async () => {
    const both = rig({ '~HS': 'silent', '~HQES': 'silent' });
    expect(await both.run(both.printer.status())).toEqual({ ready: false, faults: ['no_answer'] });
    const odd = rig({ '~HS': 'silent', '~HQES': formatHqes(0) });
    expect(await odd.run(odd.printer.status())).toEqual({ ready: false, faults: ['no_answer'] });
    expect(odd.printer.health().detail).toMatch(/does not answer/);
  });

  it('a connection that cannot carry replies: ready, health says the status is unknown', async () => {
    const { printer, run } = rig({ '~HS': 'unsupported' });
    expect(await run(printer.status())).toEqual({ ready: true, faults: [] });
    expect(printer.health()).toMatchObject({ state: 'connected', detail: expect.stringMatching(/unknown/) });
  });

  it('an unreachable printer: the error propagates and health is disconnected', async () => {
    const { printer, run } = rig({ '~HS': new StationError('DEVICE', 'Printer at /dev/usb/lp0 could not be opened: not found') });
    await expect(run(printer.status())).rejects.toMatchObject({ code: 'DEVICE' });
    expect(printer.health()).toMatchObject({ state: 'disconnected', detail: expect.stringMatching(/unreachable.*not found/) });
  });
});

describe('ZplPrinter label counter', () => {
  it('reads the SGD odometer', async () => {
    const { printer, run, transport } = rig({ '! U1 getvar "odometer.total_label_count"': '"4711"\r\n' });
    expect(await run(printer.labelCount())).toBe(4711);
    expect(transport.asked).toEqual(['! U1 getvar "odometer.total_label_count"']);
  });

  it('"?" means the printer keeps no such counter: null, and it is not asked again', async () => {
    const { printer, run, transport } = rig({ '! U1': '"?"' });
    expect(await run(printer.labelCount())).toBeNull();
    expect(await run(printer.labelCount())).toBeNull();
    expect(transport.asked).toHaveLength(1);
  });

  it('silence is null but asked again next time (the printer may just be busy)', async () => {
    const { printer, run, transport } = rig({ '! U1': 'silent' });
    expect(await run(printer.labelCount())).toBeNull();
    expect(await run(printer.labelCount())).toBeNull();
    expect(transport.asked).toHaveLength(2);
  });
});

describe('ZplPrinter dpi and printing', () => {
  const hi = (dotsPerMm: number): string =>
    formatHostIdentification({ model: 'ZT410', firmware: 'V75.20.1Z', dotsPerMm, memory: '8192KB', options: '' });

  it('start() follows the printer’s ~HI dpi and logs the difference', async () => {
    const { printer, run, log } = rig({ '~HI': hi(12), '~HS': READY_HS });
    await run(printer.start());
    expect(printer.dpi()).toBe(300);
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ configured: 203, printer: 300 }), expect.any(String));
    expect(printer.health().detail).toBe('Ready; printer is 300 dpi (config says 203): using 300');
  });

  it('a 6 dots/mm head (152 dpi) or a silent ~HI keeps the configured dpi', async () => {
    const odd = rig({ '~HI': hi(6), '~HS': READY_HS }, 300);
    await odd.run(odd.printer.start());
    expect(odd.printer.dpi()).toBe(300);
    const silent = rig({ '~HS': READY_HS }, 300);
    await silent.run(silent.printer.start());
    expect(silent.printer.dpi()).toBe(300);
  });

  it('print writes the label as UTF-8 bytes; an empty label is REJECTED', async () => {
    const { printer, run, transport } = rig({});
    await run(printer.print('^XA^FDMüller^FS^XZ'));
    expect(transport.written.map((b) => b.toString('utf8'))).toEqual(['^XA^FDMüller^FS^XZ']);
    await expect(printer.print('')).rejects.toMatchObject({ code: 'REJECTED' });
  });
});
