/**
 * Through real PTY pairs (socat): a Toledo scale set up against the decimals rule reads right once `scale.unit`
 * says its unit, and a line full of garbage and impossible weights reaches the log as a bounded number of lines
 * with the count held back, never as a reading.
 */
import { describe, expect, it, vi } from 'vitest';
import { ScaleSimulator } from '../../../drivers/sim/scale.sim';
import { SerialScale } from '../../../drivers/scales/serial-scale';
import { openByteLink } from '../../../drivers/serial/byte-link';
import { SerialScanner } from '../../../drivers/scanners/serial-scanner';
import { cleanupAfterEach } from '../../support/cleanup';
import { scaleReading } from '../../support/device-waits';
import { realClock } from '../../support/real-clock';
import { simScaleConfig, SIM_LINE } from '../../support/simulated-scale';
import { scannerConfig } from '../../support/scanner-config';
import { createPtyPair } from '../../support/socat';

const cleanup = cleanupAfterEach();
const LB = 453.59237;

/** A Toledo scale displaying lb with 3 decimals (the decimals rule says 3 = kg), read by a station with `unit`. */
async function toledoInLbWith3Decimals(unit?: 'lb'): Promise<{ sim: ScaleSimulator; scale: SerialScale }> {
  const pty = await createPtyPair();
  cleanup.push(() => pty.close());
  const sim = new ScaleSimulator({ protocol: 'toledo-8217', toledoUnit: 'lb', toledoDecimals: 3 });
  cleanup.push(() => sim.close());
  await sim.attachPath(pty.b, SIM_LINE['toledo-8217']);
  const scale = new SerialScale({ ...simScaleConfig(pty.a, 'toledo-8217'), ...(unit ? { unit } : {}) }, { clock: realClock });
  cleanup.push(() => scale.stop());
  await scale.start();
  return { sim, scale };
}

const fakeLog = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('scale.unit over a PTY', () => {
  it('without it, a lb scale with 3 decimals reads as kg: 2.205 "kg" for a 1 kg parcel', async () => {
    const { sim, scale } = await toledoInLbWith3Decimals();
    sim.setWeight(1000);
    expect(await scaleReading(scale, (r) => r.stable && r.grams > 0)).toMatchObject({ grams: 2205 });
  });

  it('with scale.unit "lb", the same frames read right', async () => {
    const { sim, scale } = await toledoInLbWith3Decimals('lb');
    sim.setWeight(1000);
    const reading = await scaleReading(scale, (r) => r.stable && r.grams > 0);
    expect(reading.grams).toBeCloseTo(2.205 * LB, 3);
    expect(reading.resolutionG).toBeCloseTo(LB / 1000, 5);
  });
});

describe('frame errors reach the log, rate-limited, over a PTY', () => {
  it('200 garbage frames and impossible weights: one line at once, one with the count at stop, no reading', async () => {
    const pty = await createPtyPair();
    cleanup.push(() => pty.close());
    const line = SIM_LINE['mt-sics'];
    const log = fakeLog();
    const scale = new SerialScale(simScaleConfig(pty.a, 'mt-sics'), { clock: realClock, log });
    cleanup.push(() => scale.stop());
    await scale.start();
    const far = await openByteLink({ path: pty.b, ...line });
    cleanup.push(() => far.close());

    const garbage = Array.from({ length: 100 }, () => 'S S 999999999 kg\r\n\xff\xfe#~\r\n').join('');
    // The good frame comes after all the garbage: once it is read, every bad one was handled.
    const good = scaleReading(scale, (r) => r.grams === 1234);
    await far.write(Buffer.from(`${garbage}S S     1.234 kg\r\n`, 'latin1'));
    expect(await good).toMatchObject({ stable: true });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'RANGE', frame: 'S S 999999999 kg' }), expect.stringMatching(/scale\.maxG/));

    await scale.stop();
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenLastCalledWith(expect.objectContaining({ suppressed: 199, code: 'MALFORMED' }), expect.stringMatching(/^199 more device errors/));
  });

  it('a scanner sending bursts without its prefix logs that, once per window', async () => {
    const pty = await createPtyPair();
    cleanup.push(() => pty.close());
    const log = fakeLog();
    const config = scannerConfig({ path: pty.a, prefix: ']C1', terminator: '\r' });
    const scanner = new SerialScanner(config, { clock: realClock, log });
    cleanup.push(() => scanner.stop());
    await scanner.start();
    const far = await openByteLink({ path: pty.b, baudRate: config.baudRate, dataBits: config.dataBits, parity: config.parity, stopBits: config.stopBits });
    cleanup.push(() => far.close());
    const scans: string[] = [];
    scanner.onScan((code) => scans.push(code));
    await far.write(Buffer.from('noise\r'.repeat(20) + ']C1WH/OUT/00042\r', 'latin1'));
    await vi.waitFor(() => expect(scans).toEqual(['WH/OUT/00042']), { timeout: 3000 });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ code: 'INVALID_REPLY' }), expect.stringMatching(/without the configured prefix/));
    await scanner.stop();
    expect(log.warn).toHaveBeenLastCalledWith(expect.objectContaining({ suppressed: 19 }), expect.any(String));
  });
});
