import type { Parcel, Picking, PrintJob, ScaleReading, SetAside, Shipment } from '../domain';
import type { Say } from '../i18n/language';
import type { PackingAction } from '../ipc/contract';
import type { PlausibilityResult } from './weight-plausibility';

export type StationDevice = 'scale' | 'scanner' | 'labelPrinter';

export type PackingEvent =
  | { type: 'SCAN.RECEIVED'; code: string }
  /** A scan refused before the machine (control bytes, far too long): only its notice is shown. */
  | { type: 'SCAN.INVALID'; code: string; reason: string }
  /** A settled weight: the only weight the machine decides on. */
  | { type: 'WEIGHT.STABLE'; grams: number }
  /** Every reading, for the live display only. */
  | { type: 'WEIGHT.READING'; reading: ScaleReading }
  | { type: 'COMMAND'; action: PackingAction }
  | { type: 'DEVICE.CHANGED'; device: StationDevice; state: string; detail?: string }
  /** Every state change of every print job (the spooler's feed); the machine picks out its own label's job. */
  | { type: 'PRINT.JOB'; job: PrintJob };

export interface PackingInput {
  weightTolerancePct: number;
  weightToleranceG: number;
  /** How long the "done" screen stays before the station returns to idle by itself (default 15 s). */
  doneTimeoutMs?: number;
}

export interface DeviceStatus {
  state: string;
  detail?: string;
}

export interface LastLabel {
  trackingCode: string;
  parcelIndex: number;
  pickingName: string;
}

/** Counts per stock.move id. Plain records keep the snapshot serialisable for persistence and inspection. */
export type CountsByMove = Readonly<Record<number, number>>;

/** Units counted from a scan that named a lot or serial (GS1 or an Odoo lot/serial name); kept per parcel for its items. */
export interface TrackedScan {
  moveId: number;
  parcelIndex: number;
  quantity: number;
  lot?: string;
  serial?: string;
}

export interface PackingContext {
  tolerancePct: number;
  toleranceG: number;
  doneTimeoutMs: number;
  picking: Picking | null;
  /** 1-based index of the parcel being packed (or weighed, labelled, printed). */
  parcelIndex: number;
  /** Everything scanned for the picking so far, the current parcel included. */
  scanned: CountsByMove;
  /** Only what went into the current parcel. */
  inParcel: CountsByMove;
  /** Lots and serials scanned for this picking (GS1 codes); optional so older snapshots still load. */
  tracked?: readonly TrackedScan[];
  /** Package type scanned for the current parcel; null falls back to the picking's default. */
  packageTypeId: number | null;
  /** The last code scanned (picking name to load, or the code an error is about). */
  lastScan: string | null;
  /** Outcome of the last stable weight for this parcel, so the packer sees why it was refused. */
  weightCheck: PlausibilityResult | null;
  /** The parcel being recorded, labelled and printed (set once its weight is accepted). */
  parcel: Parcel | null;
  shipment: Shipment | null;
  /** The parcel the carrier desk would not label, while the packer is told to set it aside; optional for older snapshots. */
  setAside?: SetAside | null;
  lastLabel: LastLabel | null;
  /**
   * The spooler job of the label being printed, or of the last label (survives the return to idle, like
   * `lastLabel`, so it can be reprinted); a reprint of it takes its place.
   */
  printJobId: string | null;
  /** The last state the spooler reported for `printJobId`; null until it reports. */
  printJob: PrintJob | null;
  /** Why the last effect failed, for the packer (StationError message). */
  error: string | null;
  /** The same as a catalogue key when the core worded it (an Odoo or carrier error is shown as it came); optional for older snapshots. */
  errorSay?: Say | null;
  /**
   * Scans that arrived while an effect ran (loading, recording, buying, printing, finishing): applied in order as
   * soon as the machine can take them. Optional so older snapshots still load.
   */
  queuedScans?: readonly string[];
  /** Why the last scan was not used, for the packer; cleared by the next scan that is. */
  scanNotice?: string | null;
  /** The same notice as a catalogue key, for the screen to show in the packer's language. */
  scanNoticeSay?: Say | null;
  /** Scans refused so far: lets the one who sent a scan tell that this one was refused, even with the same notice. */
  refusedScans?: number;
  weight: ScaleReading | null;
  devices: Partial<Record<StationDevice, DeviceStatus>>;
}

export interface PickingArgs {
  picking: Picking;
}
export interface ParcelArgs extends PickingArgs {
  parcel: Parcel;
}
export interface PrintArgs extends ParcelArgs {
  shipment: Shipment;
}
export interface PrintJobArgs {
  jobId: string;
}
