/** When a station report goes to the hub: on change only (its `at` aside), at most once per interval, latest wins. */
import { describe, expect, it } from 'vitest';
import type { StationReport } from '../../../../app/hub/hub-protocol.schema';
import { ReportGate } from '../../../../sync/hub/report-gate';
import { FakeClock } from '../../../support/fake-clock';
import { stationReport } from '../../../support/station-report';

function gate(minIntervalMs = 500) {
  const clock = new FakeClock();
  const sent: { at: number; report: StationReport }[] = [];
  const g = new ReportGate({ clock, minIntervalMs, send: (report) => sent.push({ at: clock.now(), report }) });
  // The same facts built at another moment: only the status's own `at` differs.
  const built = (report: StationReport) => ({ ...report, status: { ...report.status, at: clock.now() } });
  const start = clock.now();
  const idle = () => built(stationReport('pack-01', start));
  const packing = (name: string) => built(stationReport('pack-01', start, { machine: { state: 'packing', message: null }, picking: { id: 1, name } }));
  return { clock, sent, gate: g, idle, packing };
}

describe('ReportGate', () => {
  it('sends the first report at once and a report that only differs in its time never', () => {
    const { clock, sent, gate: g, idle } = gate();
    g.offer(idle());
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      g.offer(idle());
    }
    expect(sent).toHaveLength(1);
  });

  it('holds a change inside the interval and sends the latest one when the interval ends', () => {
    const { clock, sent, gate: g, idle, packing } = gate(500);
    const start = clock.now();
    g.offer(idle());
    clock.advance(100);
    g.offer(packing('WH/OUT/1'));
    clock.advance(100);
    g.offer(packing('WH/OUT/2'));
    expect(sent).toHaveLength(1);
    clock.advance(299);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent.map((s) => [s.at - start, s.report.status.picking?.name ?? null])).toEqual([
      [0, null],
      [500, 'WH/OUT/2'],
    ]);
  });

  it('a change undone inside the interval sends nothing more', () => {
    const { clock, sent, gate: g, idle, packing } = gate(500);
    g.offer(idle());
    clock.advance(100);
    g.offer(packing('WH/OUT/1'));
    clock.advance(100);
    g.offer(idle());
    clock.advance(1000);
    expect(sent).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('a change after a quiet interval goes at once; a burst of changes is one report per interval', () => {
    const { clock, sent, gate: g, idle, packing } = gate(500);
    g.offer(idle());
    clock.advance(2000);
    g.offer(packing('WH/OUT/1'));
    expect(sent).toHaveLength(2);
    for (let i = 2; i <= 40; i++) {
      clock.advance(50);
      g.offer(packing(`WH/OUT/${i}`));
    }
    clock.advance(500);
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
    expect(sent.length).toBeLessThanOrEqual(2 + Math.ceil((39 * 50) / 500) + 1);
    expect(gaps.slice(1).every((gap) => gap >= 500)).toBe(true);
    expect(sent.at(-1)!.report.status.picking?.name).toBe('WH/OUT/40');
  });

  it('sendNow (after a reconnect) goes whatever the interval, and a pending change is dropped by cancel', () => {
    const { clock, sent, gate: g, idle, packing } = gate(500);
    g.offer(idle());
    clock.advance(10);
    g.sendNow(idle());
    expect(sent).toHaveLength(2);
    clock.advance(10);
    g.offer(packing('WH/OUT/1'));
    g.cancel();
    clock.advance(1000);
    expect(sent).toHaveLength(2);
    expect(clock.pending).toBe(0);
  });

  it('the paused flag is a change', () => {
    const { clock, sent, gate: g, idle } = gate(500);
    g.offer(idle());
    clock.advance(600);
    g.offer({ ...idle(), paused: { by: 'ana', reason: 'inventory', at: clock.now() } });
    expect(sent.map((s) => s.report.paused?.by ?? null)).toEqual([null, 'ana']);
  });
});
