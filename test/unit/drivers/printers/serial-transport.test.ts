import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain';
import type { SerialLink } from '../../../../app/domain';
import { SerialTransport } from '../../../../drivers/printers/serial.transport';
import type { ByteLink } from '../../../../drivers/serial/byte-link';
import { FakeClock, flushPromises } from '../../../support/fake-clock';

/** A ByteLink whose far end the test plays. */
class FakeLink implements ByteLink {
  readonly written: Buffer[] = [];
  private readonly data = new Set<(chunk: Buffer) => void>();
  private readonly closes = new Set<(err?: Error) => void>();
  writeGate: Promise<void> = Promise.resolve();
  closed = false;

  async write(data: Buffer): Promise<void> {
    this.written.push(data);
    await this.writeGate;
  }
  onData(listener: (chunk: Buffer) => void) {
    this.data.add(listener);
    return () => this.data.delete(listener);
  }
  onClose(listener: (err?: Error) => void) {
    this.closes.add(listener);
    return () => this.closes.delete(listener);
  }
  async close(): Promise<void> {
    this.vanish();
  }
  send(text: string): void {
    for (const l of [...this.data]) l(Buffer.from(text, 'latin1'));
  }
  vanish(err?: Error): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of [...this.closes]) l(err);
  }
}

const LINK: SerialLink = { path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

function rig() {
  const clock = new FakeClock();
  const links: FakeLink[] = [];
  const transport = new SerialTransport(LINK, {
    clock,
    openByteLink: async () => {
      const link = new FakeLink();
      links.push(link);
      return link;
    },
  });
  return { clock, links, transport };
}

const untilDone = (p: Promise<unknown>): Promise<unknown> => p.then((v) => v, (e: unknown) => e);

describe('SerialTransport', () => {
  it('opens once, keeps the line open across a write and a query, collects the reply across chunks', async () => {
    const { links, transport } = rig();
    await transport.write(Buffer.from('^XA^XZ'), { timeoutMs: 1000 });
    let text = '';
    const reply = transport.query(Buffer.from('~HS'), (chunk) => ((text += chunk.toString()).endsWith('\x03') ? text : null), 1000);
    await flushPromises();
    links[0]?.send('\x02abc');
    links[0]?.send('\x03');
    expect(await reply).toEqual({ kind: 'answer', value: '\x02abc\x03' });
    expect(links).toHaveLength(1);
    expect(links[0]?.written.map(String)).toEqual(['^XA^XZ', '~HS']);
  });

  it('a silent printer: timeout after exactly the given time', async () => {
    const { clock, links, transport } = rig();
    const reply = untilDone(transport.query(Buffer.from('~HS'), () => null, 500));
    await flushPromises();
    await clock.advanceAsync(499);
    let settled = false;
    void reply.then(() => (settled = true));
    links[0]?.send('late?');
    await flushPromises();
    expect(settled).toBe(false);
    await clock.advanceAsync(1);
    expect(await reply).toEqual({ kind: 'timeout' });
    expect(clock.pending).toBe(0);
  });

  it('the device vanishing mid-query is a DEVICE error; the next call reopens', async () => {
    const { links, transport } = rig();
    const reply = untilDone(transport.query(Buffer.from('~HS'), () => null, 500));
    await flushPromises();
    links[0]?.vanish(new Error('port closed'));
    const error = await reply;
    expect(error).toBeInstanceOf(StationError);
    expect(error).toMatchObject({ code: 'DEVICE', message: expect.stringMatching(/ttyUSB0.*port closed/) });
    await transport.write(Buffer.from('x'), { timeoutMs: 100 });
    expect(links).toHaveLength(2);
  });

  it('stretches the write timeout to what 9600 baud can carry (a 10 KB label needs > 10 s)', async () => {
    const { clock, links, transport } = rig();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const opened = transport.write(Buffer.from('x'), { timeoutMs: 100 });
    await opened;
    links[0]!.writeGate = gate;
    const big = untilDone(transport.write(Buffer.alloc(10_000, 0x41), { timeoutMs: 1000 }));
    await clock.advanceAsync(15_000, 1000);
    release();
    expect(await big).toBeUndefined();
    links[0]!.writeGate = new Promise(() => undefined);
    const stuck = untilDone(transport.write(Buffer.alloc(10_000, 0x41), { timeoutMs: 1000 }));
    await clock.advanceAsync(25_000, 1000);
    expect(await stuck).toMatchObject({ code: 'DEVICE', message: expect.stringMatching(/did not take the job within 20834 ms/) });
  });

  it('open failures keep their StationError (e.g. port busy)', async () => {
    const transport = new SerialTransport(LINK, {
      clock: new FakeClock(),
      openByteLink: () => Promise.reject(new StationError('DEVICE', '/dev/ttyUSB0 is in use by cups (pid 42)')),
    });
    await expect(transport.write(Buffer.from('x'), { timeoutMs: 100 })).rejects.toMatchObject({ code: 'DEVICE', message: expect.stringMatching(/in use/) });
  });
});
