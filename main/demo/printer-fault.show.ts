/**
 * `--printer-fault paper-out`: the demo's printer runs out of labels before an order's label, the packer screen shows
 * the instruction, and someone "loads labels" a few seconds later — the held label prints by itself.
 */
import type { Station } from '../bootstrap';
import type { DemoWorld } from './demo.world';

export type DemoPrinterFault = 'paper-out' | 'head-open' | 'ribbon-out' | 'paused';

const SIM_FAULT = { 'paper-out': 'paper_out', 'head-open': 'head_open', 'ribbon-out': 'ribbon_out', paused: 'paused' } as const;

/** If the screen never shows the fault, the printer is fixed after this long anyway, so an unattended run ends. */
const CLEAR_AT_LATEST_MS = 10_000;

export interface FaultShow {
  /** Printer fixed, and the station showed the fault and then printed the label. */
  recovered(): boolean;
  /** Time from "fault shown" to "label printed", when recovered. */
  recoveryMs(): number | null;
  stop(): void;
}

/**
 * Faults the printer now; clears it `clearAfterMs` after the packer screen showed the fault (the time a person needs
 * to walk over and load labels).
 */
export function startPrinterFault(station: Station, world: DemoWorld, fault: DemoPrinterFault, clearAfterMs: number, say: (line: string) => void): FaultShow {
  let shownAt: number | null = null;
  let printedAt: number | null = null;
  let cleared = false;
  let clearTimer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (cleared) return;
    cleared = true;
    world.printer.setFault(null);
    say(`  printer: fault cleared (${fault} fixed) — the held label prints by itself`);
  };
  const safety = setTimeout(clear, CLEAR_AT_LATEST_MS);
  world.printer.setFault(SIM_FAULT[fault]);
  say(`  printer: ${fault} — watch the packer screen`);

  const offView = station.core.subscribe('packing:view', (view) => {
    if (view.state !== 'printerFault' || shownAt !== null) return;
    shownAt = Date.now();
    clearTimeout(safety);
    say(`  station shows: "${view.message}"`);
    clearTimer = setTimeout(clear, clearAfterMs);
  });
  const offJob = station.spooler.onJob((job) => {
    if (shownAt !== null && cleared && printedAt === null && job.kind === 'shipping-label' && job.state === 'confirmed') {
      printedAt = Date.now();
    }
  });

  return {
    recovered: () => shownAt !== null && printedAt !== null,
    recoveryMs: () => (shownAt !== null && printedAt !== null ? printedAt - shownAt : null),
    stop: () => {
      clearTimeout(safety);
      if (clearTimer !== null) clearTimeout(clearTimer);
      offView();
      offJob();
      clear();
    },
  };
}
