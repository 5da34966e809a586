import { describe, expect, it } from 'vitest';
import { runReconcileScenario } from '../../../main/demo/reconcile-scenario';
import { silentLog } from '../../../main/log';

/**
 * The whole story through real parts: two stations (simulated devices, real SQLite, the real packing flow) report to
 * a real hub (PGlite); Odoo and EasyPost are the HTTP sandboxes; people change Odoo by hand, the carrier bills more,
 * tracking arrives signed, late, twice, failed and returned; one reconciliation run must find exactly that.
 */
describe('the reconcile scenario', () => {
  it('finds exactly the differences it set up, each once', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const result = await runReconcileScenario(
      { odooVersion: 18, scaleProtocol: 'mt-sics', log: silentLog(), printPolicy: { statusPollMs: 250, proofSettleMs: 500 }, paceMs: 0 },
      (line) => lines.push(line),
    );
    expect(result.run.state).toBe('done');
    expect(result.found.map((e) => e.key).sort()).toEqual([...result.expected.keys()].sort());
    expect(result.expected.size).toBe(10);
    expect(new Set(result.found.map((e) => e.kind))).toEqual(
      new Set(['packed_not_done', 'done_missing_tracking', 'done_missing_label', 'unknown_tracking', 'orphan_label', 'weight_variance', 'price_variance', 'no_tracking_progress', 'delivery_failed', 'returned']),
    );
    const byKind = new Map(result.found.map((e) => [e.kind, e]));
    expect(byKind.get('weight_variance')?.amounts).toMatchObject({ unit: 'g' });
    expect(byKind.get('price_variance')?.amounts?.difference).toBeCloseTo(4.2, 2);
    expect(byKind.get('packed_not_done')?.severity).toBe('critical');
    // The delivered parcel (told twice, then an older scan late) is not among them, nor the surcharge within tolerance.
    expect(result.ok).toBe(true);
    expect(lines.join('\n')).toContain('delivered, the event sent twice');
  });
});
