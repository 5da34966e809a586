/**
 * ZplPrinter over a serial line: a socat PTY pair, the station on one end (`serial:<pty>?baud=…`), and on the other a
 * tiny responder that is the simulator's own ZebraEmulator (same stream splitting, same answers, same counter).
 */
import { dirname } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SerialLinkSchema } from '../../../app/domain';
import { createLabelPrinter } from '../../../drivers/printers/create-label-printer';
import { ZebraEmulator } from '../../../drivers/sim/zebra-printer.sim';
import type { ZebraEmulatorOptions } from '../../../drivers/sim/zebra-printer.sim';
import { openByteLink } from '../../../drivers/serial/byte-link';
import { cleanupAfterEach } from '../../support/cleanup';
import { realClock } from '../../support/real-clock';
import { createPtyPair } from '../../support/socat';

const cleanup = cleanupAfterEach();
const LABEL = '^XA^FO50,50^A0N,40,40^FDSerial parcel^FS^BCN,100,Y,N,N^FD1Z999AA10123456784^FS^XZ';

/** The printer's far end: a ZebraEmulator reading and answering on `path`. */
async function attachZebra(path: string, zebra: ZebraEmulator): Promise<void> {
  const far = await openByteLink(SerialLinkSchema.parse({ path, baudRate: 115200 }));
  cleanup.push(() => far.close());
  const connection = zebra.connection((text) => void far.write(Buffer.from(text, 'latin1')).catch(() => undefined));
  far.onData((chunk) => connection.push(chunk));
}

async function serialRig(emulatorOpts: ZebraEmulatorOptions = {}, configuredDpi: 203 | 300 = 203) {
  const pair = await createPtyPair();
  cleanup.push(() => pair.close());
  const zebra = new ZebraEmulator(emulatorOpts);
  await attachZebra(pair.b, zebra);
  const printer = createLabelPrinter(
    { url: `serial:${pair.a}?baud=115200&dataBits=8&parity=none`, dpi: configuredDpi },
    { clock: realClock, tuning: { statusTimeoutMs: 300 } },
  );
  cleanup.push(() => printer.stop());
  return { zebra, printer, pair };
}

describe('ZplPrinter over a serial PTY', () => {
  it('prints a label, reads ~HS as ready and counts the label', async () => {
    const { zebra, printer } = await serialRig();
    await printer.start();
    expect(printer.health()).toMatchObject({ state: 'connected', detail: 'Ready' });
    await printer.print(LABEL);
    await vi.waitFor(() => expect(zebra.jobs()).toEqual([LABEL]), { timeout: 3000 });
    expect(await printer.status()).toEqual({ ready: true, faults: [], labelsWaiting: 0 });
    expect(await printer.labelCount()).toBe(1);
  });

  it('head open: ~HS silent, ~HQES answers over the same line; the held label prints when it closes', async () => {
    const { zebra, printer } = await serialRig();
    zebra.setFault('head_open');
    expect(await printer.status()).toEqual({ ready: false, faults: ['head_open'] });
    await printer.print(LABEL);
    await vi.waitFor(() => expect(zebra.jobs()).toHaveLength(1), { timeout: 3000 });
    expect(await printer.labelCount()).toBe(0);
    zebra.setFault(null);
    expect(await printer.labelCount()).toBe(1);
    expect(await printer.status()).toMatchObject({ ready: true });
  });

  it('learns 300 dpi from ~HI', async () => {
    const { printer } = await serialRig({ dpi: 300 });
    await printer.start();
    expect(printer.dpi()).toBe(300);
  });

  it('the adapter disappears: DEVICE error and disconnected health; it reopens when it is back', async () => {
    const { zebra, printer, pair } = await serialRig();
    await printer.start();
    await pair.close();
    await expect(printer.print(LABEL)).rejects.toMatchObject({ code: 'DEVICE' });
    expect(printer.health().state).toBe('disconnected');

    const again = await createPtyPair(dirname(pair.a));
    cleanup.push(() => again.close());
    await attachZebra(again.b, zebra);
    await printer.print(LABEL);
    await vi.waitFor(() => expect(zebra.labelCount()).toBe(1), { timeout: 3000 });
    expect(await printer.status()).toMatchObject({ ready: true });
    expect(printer.health().state).toBe('connected');
  });
});
