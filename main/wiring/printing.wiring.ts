/**
 * Printers → durable spooler → packing machine and UI. The spooler owns every job's life; this file builds the
 * printers and the spooler from the config, feeds each job change to the machine (`PRINT.JOB`) and to the UI
 * ('print:job'), records printed shipping labels in the ledger, and answers the UI's print channels.
 */
import type { Actor } from 'xstate';
import type { DeviceHealth, Picking, PrintJob } from '../../app/domain';
import type { Clock, Ids, LabelPrinter, LogSink, PrintSpooler, SlipPrinter, Unsubscribe } from '../../app/ports';
import type { ChannelRes } from '../../app/ipc/contract';
import type { packingMachine } from '../../app/packing/packing.machine';
import { packingSlip } from '../../app/labels/packing-slip';
import { createLabelPrinter } from '../../drivers/printers/create-label-printer';
import { EscPosSlipPrinter, renderSlip } from '../../drivers/printers/escpos-slip-printer';
import { fitLabelToPrinter } from '../../drivers/printers/label-fit/label-fit';
import type { StationDb } from '../../sync/db/station-db';
import type { RecordPerson } from '../../sync/outbox/record-person';
import { personLabel } from '../../app/people/person.schema';
import { StationPrintSpooler, type StationPrintSpoolerOptions } from '../../sync/print/print-spooler';
import type { ResolvedConfig } from '../config/load-config';
import type { PrintActorDeps } from '../actors/print.actors';
import type { StationCoreService } from '../station-core';

type PackingActor = Actor<typeof packingMachine>;

export interface PrintingDeps {
  db: StationDb;
  clock: Clock;
  ids: Ids;
  log: LogSink;
  /** Spooler timing (tests and the demo shorten the status poll). */
  policy?: StationPrintSpoolerOptions['policy'];
  /** Records a confirmed shipping label in the ledger, inside the transaction that confirms its print job. */
  onLabelPrinted: (pickingId: number, parcelIndex: number) => void;
  /** Who is signed in: the audit of a reprint by command barcode or button names them. */
  people?: RecordPerson;
}

export interface Printing {
  readonly labelPrinter: LabelPrinter;
  readonly slipPrinter: SlipPrinter | null;
  readonly spooler: PrintSpooler;
  /** What the packing machine's printing effects need. */
  readonly actorDeps: PrintActorDeps;
  /** The printer's own health, or a fault while a label waits on one: the supervisor sees the same as the packer. */
  labelPrinterHealth(): DeviceHealth;
  printJobs(limit: number): ChannelRes<'print:jobs'>;
  resolvePrint(jobId: string, printed: boolean, who: string, reason: string): void;
  reprint(jobId: string, who: string, reason: string): string;
  /** Subscribe before the actor starts, so no job report is missed. */
  attach(actor: PackingActor, core: StationCoreService): Unsubscribe;
  /** Printers first (the label printer learns its dpi), then the spooler picks up jobs left from the last run. */
  start(): Promise<void>;
  /** The spooler first, so the job in flight finishes on an open printer and an open database. */
  stop(): Promise<void>;
}

const IN_FLIGHT = new Set<PrintJob['state']>(['queued', 'sending', 'sent']);

export function createPrinting(config: ResolvedConfig, deps: PrintingDeps): Printing {
  const { clock, log } = deps;
  const labelPrinter = createLabelPrinter(config.labelPrinter, { clock, log });
  const slipConfig = config.slipPrinter;
  const slipPrinter = slipConfig ? new EscPosSlipPrinter({ url: slipConfig.url, width: slipConfig.width }, { clock, log }) : null;
  const spooler = new StationPrintSpooler({
    db: deps.db,
    clock,
    ids: deps.ids,
    printers: slipPrinter ? { label: labelPrinter, slip: slipPrinter } : { label: labelPrinter },
    ...(deps.policy ? { policy: deps.policy } : {}),
    log,
    onConfirmed: (job) => {
      if (job.kind === 'shipping-label' && job.pickingId !== null && job.parcelIndex !== null) deps.onLabelPrinted(job.pickingId, job.parcelIndex);
    },
  });
  /** Label jobs held by a printer fault, with the instruction. */
  const held = new Map<string, string>();

  const actorDeps: PrintActorDeps = {
    spooler,
    dpi: () => labelPrinter.dpi(),
    fitLabel: fitLabelToPrinter,
    labels: config.labels,
    ...(slipConfig ? { slipBytes: (picking: Picking, parcels) => renderSlip(packingSlip(picking, parcels), { width: slipConfig.width }) } : {}),
    log,
    who: () => {
      const person = deps.people?.person() ?? null;
      return person === null ? null : personLabel(person);
    },
  };

  const trackFault = (job: PrintJob): void => {
    if (job.target === 'label' && IN_FLIGHT.has(job.state) && job.heldBy !== null) {
      held.set(job.id, job.detail ?? 'Printer not ready: check the printer');
    } else {
      held.delete(job.id);
    }
  };

  return {
    labelPrinter,
    slipPrinter,
    spooler,
    actorDeps,
    labelPrinterHealth() {
      const health = labelPrinter.health();
      const [instruction] = held.values();
      if (instruction === undefined || health.state !== 'connected') return health;
      return { state: 'fault', detail: instruction, since: health.since };
    },
    printJobs(limit) {
      const jobs = spooler.jobs({ limit });
      // Only the listed jobs' entries (indexed by job), not the whole audit history.
      const audit = jobs.flatMap((job) => spooler.audit(job.id)).sort((a, b) => a.id - b.id);
      return { jobs, audit };
    },
    resolvePrint: (jobId, printed, who, reason) => spooler.resolveUncertain(jobId, printed, who, reason),
    reprint: (jobId, who, reason) => spooler.reprint(jobId, who, reason),
    attach(actor, core) {
      return spooler.onJob((job) => {
        trackFault(job);
        actor.send({ type: 'PRINT.JOB', job });
        core.publish('print:job', job);
      });
    },
    async start() {
      await Promise.all([labelPrinter.start(), slipPrinter?.start()]);
      for (const job of spooler.jobs({ states: ['queued', 'sending', 'sent'] })) trackFault(job);
      await spooler.start();
    },
    async stop() {
      await spooler.stop();
      await Promise.allSettled([labelPrinter.stop(), slipPrinter?.stop()]);
    },
  };
}
