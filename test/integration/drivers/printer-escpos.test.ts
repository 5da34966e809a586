/**
 * EscPosSlipPrinter (node-thermal-printer's TCP interface + DLE EOT status) against the ESC/POS simulator over real
 * TCP on 127.0.0.1; the bytes the simulator captured are decoded back into the slip's text lines.
 */
import { describe, expect, it } from 'vitest';
import { EscPosPrinterSimulator } from '../../../drivers/sim/escpos-printer.sim';
import { EscPosSlipPrinter, renderSlip } from '../../../drivers/printers/escpos-slip-printer';
import { cleanupAfterEach } from '../../support/cleanup';
import { decodeEscPos } from '../../support/escpos-decode';
import { freePort } from '../../support/free-port';
import { realClock } from '../../support/real-clock';
import { slipDocument } from '../../support/slip-fixture';

const cleanup = cleanupAfterEach();

const SLIP = slipDocument();

async function rig() {
  const sim = new EscPosPrinterSimulator();
  const { url } = await sim.listen();
  cleanup.push(() => sim.close());
  const printer = new EscPosSlipPrinter({ url, width: 42, statusTimeoutMs: 300 }, { clock: realClock });
  cleanup.push(() => printer.stop());
  return { sim, printer };
}

describe('EscPosSlipPrinter ↔ EscPosPrinterSimulator', () => {
  it('prints a slip; the captured bytes decode to the slip text and its Code 128 barcode', async () => {
    const { sim, printer } = await rig();
    await printer.start();
    const bytes = renderSlip(SLIP, { width: 42 });
    await printer.print(bytes);
    await expect.poll(() => sim.jobs().length, { timeout: 2000 }).toBe(1);
    const [job] = sim.jobs();
    expect(Buffer.compare(job ?? Buffer.alloc(0), Buffer.from(bytes))).toBe(0);
    const lines = decodeEscPos(job ?? Buffer.alloc(0));
    expect(lines).toEqual(expect.arrayContaining(['Packing slip', 'Order: S00042', 'Zoë Lefèvre', '3 x E-COM07 Large cabinet']));
    expect(lines).toContain('[barcode CODE128 WH/OUT/00012]');
    expect(lines.at(-1)).toBe('[cut]');
    expect(printer.health()).toMatchObject({ state: 'connected', detail: 'Slip sent' });
  });

  it('DLE EOT: ready, then paper end and cover open as faults with operator text', async () => {
    const { sim, printer } = await rig();
    expect(await printer.status()).toEqual({ ready: true, faults: [] });
    expect(printer.health()).toMatchObject({ state: 'connected', detail: 'Ready' });

    sim.setStatus({ offline: true, paperEnd: true, paperEndStop: true });
    expect(await printer.status()).toEqual({ ready: false, faults: ['paper_out'] });
    expect(printer.health()).toMatchObject({ state: 'fault', detail: expect.stringMatching(/^Paper out/) });

    sim.setStatus({ offline: true, coverOpen: true });
    expect(await printer.status()).toEqual({ ready: false, faults: ['head_open'] });

    sim.setStatus({ offline: true, cutterError: true, error: true });
    expect(await printer.status()).toEqual({ ready: false, faults: [] });
    expect(printer.health().detail).toMatch(/cutter jammed/);

    sim.setStatus({});
    expect(await printer.status()).toMatchObject({ ready: true });
  });

  it('a printer that does not answer DLE EOT: status null ("cannot tell"), still printable', async () => {
    const { sim, printer } = await rig();
    sim.setNoAnswer(true);
    expect(await printer.status()).toBeNull();
    expect(printer.health()).toMatchObject({ state: 'connected', detail: expect.stringMatching(/does not report/) });
    await printer.print(renderSlip(SLIP));
    await expect.poll(() => sim.jobs().length, { timeout: 2000 }).toBe(1);
  });

  it('nothing listening: print rejects NETWORK and health is disconnected', async () => {
    const printer = new EscPosSlipPrinter({ url: `tcp://127.0.0.1:${await freePort()}`, statusTimeoutMs: 300 }, { clock: realClock });
    cleanup.push(() => printer.stop());
    await printer.start();
    expect(printer.health().state).toBe('disconnected');
    await expect(printer.print(renderSlip(SLIP))).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
