/**
 * What both carrier sandboxes keep for reconciliation and show to tests, the demo and the bench: the carrier's
 * adjustments to labels, the faults of the next reports, and the count of every request answered.
 */
import { BillingLedger, ReportFaults, type ReportFault, type SandboxAdjustment } from './carrier-billing.sim';
import { RequestCounter } from './request-counter.sim';

export abstract class ReconSandbox {
  protected readonly billing = new BillingLedger();
  protected readonly reportFaults = new ReportFaults();
  protected readonly counter = new RequestCounter();

  /** Whether `id` names a label the carrier could adjust (EasyPost: a bought shipment; Shippo: a transaction). */
  protected abstract hasLabel(id: string): boolean;

  /** The carrier invoices a change to a label's cost after the fact: a row of the platform's invoice report. */
  addAdjustment(id: string, adjustment: SandboxAdjustment): void {
    if (!this.hasLabel(id)) throw new Error(`carrier sandbox: ${id} is not a label to adjust`);
    this.billing.add(id, adjustment);
  }

  /** The next `n` reports created fail at the platform, or serve a broken file. */
  failNextReport(n: number, kind: ReportFault): void {
    this.reportFaults.add(n, kind);
  }

  /** Requests answered so far (API and files), per method and path with ids folded, and their total. */
  requestCounts(): { total: number; byPath: Record<string, number> } {
    return this.counter.snapshot();
  }

  resetRequestCounts(): void {
    this.counter.reset();
  }
}
