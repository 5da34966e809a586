/**
 * What both platforms' reconciliation readers share: the account's HTTP layer and its CarrierPlatform, waiting for a
 * report and reading its CSV through the declared columns, and voiding an orphan through the platform's own void
 * (`CarrierPlatform.void` of easypost.platform.ts / shippo.platform.ts: refusals, repeated asks and pending refunds are
 * handled there). The hub knows an orphan by the platform's id only; the platforms' void reads the platform and the
 * purchase id (EasyPost: the shipment, Shippo: the transaction) and nothing else of the Shipment, so the rest of it
 * stays empty.
 */
import type { z } from 'zod';
import type { Shipment } from '../../app/domain/shipment.schema';
import type { CarrierPlatform, Clock } from '../../app/ports';
import type { PlatformHttp } from '../carrier/platform-http';
import { csvRows } from './csv';
import { DEFAULT_REPORT_POLL, timerClock, waitForReport, type ReportPollOptions, type ReportState } from './report-poll';

export interface ReportReaderOptions {
  reportPoll?: Partial<ReportPollOptions>;
  clock?: Clock;
}

export abstract class ReportReader {
  private readonly poll: ReportPollOptions;
  private readonly clock: Clock;

  protected constructor(
    protected readonly http: PlatformHttp,
    private readonly carrier: CarrierPlatform,
    opts: ReportReaderOptions,
  ) {
    this.poll = { ...DEFAULT_REPORT_POLL, ...opts.reportPoll };
    this.clock = opts.clock ?? timerClock;
  }

  async void(purchaseId: string): Promise<'submitted' | 'refunded' | 'rejected'> {
    const target: Shipment = {
      shipmentId: purchaseId,
      purchaseId,
      platform: this.carrier.kind,
      trackingCode: purchaseId,
      rate: { id: '', carrier: '', service: '', rate: '0', currency: '' },
      label: { format: 'ZPL', dpi: 203, data: '' },
    };
    return (await this.carrier.void(target)).status;
  }

  /** Waits for the report (`first`: what its creation answered), then reads its file; a null URL is a report with no rows. */
  protected async reportRows<S extends z.ZodType>(what: string, first: ReportState<string | null>, reread: () => Promise<ReportState<string | null>>, file: string, columns: readonly string[], row: S): Promise<z.infer<S>[]> {
    const url = await waitForReport(what, first, reread, this.poll, this.clock);
    if (url === null) return [];
    return csvRows((await this.http.download(url, file)).toString('utf8'), columns, row, what);
  }
}
