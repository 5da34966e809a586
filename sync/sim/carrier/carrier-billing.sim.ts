/**
 * What both carrier sandboxes bill besides the purchase: the carrier's later adjustments to a label (a weight
 * correction, a service change, a surcharge), seeded by tests and the demo; the CSV files their reports are served
 * as (RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled, CRLF between records); and the
 * report faults a reader must refuse (a report that fails, a file that is not CSV, a column missing).
 */
import { csvField } from '../../../app/recon/exceptions-csv';

export interface SandboxAdjustment {
  /** What the carrier says it charged for (Shippo's invoice item description; EasyPost has no such column). */
  reason: string;
  /** Added to what is due (negative: a credit). */
  amount: number;
  /** The weight the carrier billed. */
  billedWeightOz?: number | null;
  /** The service the carrier says it carried the parcel with (EasyPost `captured_service`). */
  service?: string | null;
}

export interface BilledAdjustment extends SandboxAdjustment {
  /** ISO time the carrier invoiced it. */
  at: string;
}

export class BillingLedger {
  private readonly byShipment = new Map<string, BilledAdjustment[]>();

  add(shipmentId: string, adjustment: SandboxAdjustment, at = new Date().toISOString()): void {
    this.byShipment.set(shipmentId, [...this.of(shipmentId), { ...adjustment, at }]);
  }

  of(shipmentId: string): readonly BilledAdjustment[] {
    return this.byShipment.get(shipmentId) ?? [];
  }
}

/** `failed`: the report fails at the platform; `bad-csv`: its file breaks the format; `missing-column`: its first column is left out. */
export type ReportFault = 'failed' | 'bad-csv' | 'missing-column';

/** Faults for the next reports made, one per report, in order. */
export class ReportFaults {
  private readonly queue: ReportFault[] = [];

  add(n: number, kind: ReportFault): void {
    for (let i = 0; i < n; i++) this.queue.push(kind);
  }

  take(): ReportFault | undefined {
    return this.queue.shift();
  }
}

export type CsvValue = string | number | boolean | null | undefined;

/** As the platforms export: no formula guard (that is for files the hub hands to people). */
const cell = (v: CsvValue): string => csvField(v === null || v === undefined ? '' : String(v));

/** The CSV file of a report; a file fault spoils it the way a broken export would. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, CsvValue>[], fault?: Exclude<ReportFault, 'failed'>): string {
  const kept = fault === 'missing-column' ? columns.slice(1) : columns;
  const lines = [kept.map(cell).join(','), ...rows.map((row) => kept.map((c) => cell(row[c])).join(','))];
  if (fault === 'bad-csv') lines.push(`"${kept.map(() => 'cut').join(',')}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** Money as the platforms write it in files: two decimals. */
export const money = (amount: number): string => amount.toFixed(2);
