/**
 * The packing machine's printing effects, over the durable spooler. The machine only learns a job id here; what
 * happens to the job afterwards reaches it as `PRINT.JOB` reports (main/wiring/printing.wiring.ts).
 */
import { fromPromise } from 'xstate';
import type { Dpi, Label, Parcel, Picking, PrintJob, PrintRequest, Shipment, StationConfig } from '../../app/domain';
import type { LogSink, PrintSpooler } from '../../app/ports';
import { silentLogSink } from '../../app/ports';
import { makeSscc } from '../../app/labels/sscc';
import { ssccLabelZpl } from '../../app/labels/sscc-label.zpl';
import { packingListLabelZpl } from '../../app/labels/packing-list-label.zpl';
import { errorMessage } from '../../app/domain/errors';

export interface PrintActorDeps {
  spooler: PrintSpooler;
  /** The label printer's resolution now (it may learn its own on start). */
  dpi: () => Dpi;
  /** Makes a carrier label printable on this printer (dpi rescale, PNG → ^GFA); throws for what cannot print. */
  fitLabel: (label: Label, dpi: Dpi) => Label;
  labels?: StationConfig['labels'];
  /** ESC/POS bytes of the packing slip; absent when the station has no slip printer. */
  slipBytes?: (picking: Picking, parcels: readonly Parcel[]) => Uint8Array;
  log?: LogSink;
  /** Who is signed in (personLabel), named by the audit of a reprint or retry given by command barcode or button. */
  who?: () => string | null;
}

/** Who the audit names for a reprint or retry by command barcode or button while nobody is signed in. */
export const BARCODE_WHO = 'packer at the station';

const SSCC_PARCELS_PER_PICKING = 100;

/**
 * The serial reference of a parcel's SSCC: picking id and parcel index, so a reprint or a second station makes the
 * same SSCC for the same box. It wraps (modulo the digits the company prefix leaves) only after 10^n / 100 pickings.
 */
export function ssccSerial(pickingId: number, parcelIndex: number, companyPrefix: string): number {
  const room = 10 ** (16 - companyPrefix.length);
  return (pickingId * SSCC_PARCELS_PER_PICKING + (parcelIndex % SSCC_PARCELS_PER_PICKING)) % room;
}

export function createPrintActors(deps: PrintActorDeps) {
  const { spooler } = deps;
  const log = deps.log ?? silentLogSink;
  const who = (): string => deps.who?.() ?? BARCODE_WHO;

  const submitLabel = fromPromise<string, { picking: Picking; parcel: Parcel; shipment: Shipment }>(async ({ input }) => {
    const { picking, parcel, shipment } = input;
    const label = deps.fitLabel(shipment.label, deps.dpi());
    return spooler.submit({ kind: 'shipping-label', target: 'label', pickingId: picking.id, parcelIndex: parcel.index, data: label.data });
  });

  const retryPrint = fromPromise<PrintJob | null, { jobId: string }>(async ({ input }) => {
    spooler.retry(input.jobId, who());
    return spooler.job(input.jobId);
  });

  const reprintLabel = fromPromise<string, { jobId: string }>(async ({ input }) =>
    spooler.reprint(input.jobId, who(), 'Reprint asked with the reprint button or command barcode'),
  );

  /**
   * The station's own labels and the slip, once the picking is complete: only then is "parcel 2 of 3" known. The
   * caller queues them in the transaction that records the picking as packed, so they are queued exactly once. A
   * label that cannot be made is logged, not raised: the picking is packed and paid for, and its validation must not
   * wait on an SSCC label.
   */
  function queueExtras(picking: Picking, parcels: readonly Parcel[]): void {
    const attempt = (what: string, run: () => void) => {
      try {
        run();
      } catch (error) {
        log.error({ pickingId: picking.id, err: errorMessage(error) }, `${what} not printed`);
      }
    };
    const submit = (what: string, make: () => PrintRequest) => attempt(what, () => spooler.submit(make()));
    for (const parcel of parcels) {
      const sscc = deps.labels?.sscc;
      if (sscc) submit('SSCC label', () => ssccRequest(picking, parcel, parcels.length, sscc, deps.dpi()));
      if (deps.labels?.packingList) {
        submit('packing-list label', () => ({
          kind: 'packing-list-label',
          target: 'label',
          pickingId: picking.id,
          parcelIndex: parcel.index,
          data: packingListLabelZpl({ picking, parcel, dpi: deps.dpi() }),
        }));
      }
    }
    const slipBytes = deps.slipBytes;
    if (slipBytes && parcels.length > 0) {
      submit('packing slip', () => ({
        kind: 'packing-slip',
        target: 'slip',
        pickingId: picking.id,
        parcelIndex: null,
        data: Buffer.from(slipBytes(picking, parcels)).toString('base64'),
      }));
    }
  }

  return { submitLabel, retryPrint, reprintLabel, queueExtras };
}

function ssccRequest(
  picking: Picking,
  parcel: Parcel,
  parcelCount: number,
  config: { companyPrefix: string; extensionDigit: number },
  dpi: Dpi,
): PrintRequest {
  const sscc = makeSscc({
    extensionDigit: config.extensionDigit,
    companyPrefix: config.companyPrefix,
    serialReference: ssccSerial(picking.id, parcel.index, config.companyPrefix),
  });
  const zpl = ssccLabelZpl({
    sscc,
    from: picking.warehouse,
    to: picking.partner,
    pickingName: picking.name,
    orderRef: picking.origin,
    parcelIndex: parcel.index,
    parcelCount: Math.max(parcelCount, parcel.index),
    weightG: parcel.weightG,
    dpi,
    companyPrefixLength: config.companyPrefix.length,
  });
  return { kind: 'sscc-label', target: 'label', pickingId: picking.id, parcelIndex: parcel.index, data: zpl };
}
