/**
 * The end-of-day manifest: the day's bought outbound shipments that are on no manifest yet, one form per carrier,
 * carrier account and ship-from address, made on the platform that bought them. Each form is recorded with the
 * marks on its shipments in one transaction (manifests.store.ts); a platform that refuses or does not answer leaves
 * its shipments unmanifested, and the run says so. The form (a PDF the label printer cannot print) is saved under
 * the station's data folder, and a ZPL summary label goes to the label printer.
 *
 * A `pending` form (the platform is still making it) is recorded as such: `CarrierPlatform` has no call that reads a
 * manifest again, so the station cannot fetch its PDF later; the run says to take it from the platform.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Address } from '../../app/domain/address.schema';
import { postalLines } from '../../app/domain/address.schema';
import type { Manifest } from '../../app/domain/carrier.schema';
import { errorMessage } from '../../app/domain/errors';
import type { Dpi } from '../../app/domain/shipment.schema';
import type { ManifestGroup, ManifestOutcome, ManifestRun } from '../../app/domain/shipping-day.schema';
import { manifestSummaryZpl } from '../../app/labels/manifest-summary.zpl';
import type { CarrierPlatform, Clock } from '../../app/ports';
import type { ManifestStore } from '../outbox/manifests.store';
import { groupForManifest, ofCarrier, type ShipmentGroup } from './manifest-groups';

export interface ManifestRunDeps {
  platform: CarrierPlatform;
  store: ManifestStore;
  /** Ship-from addresses of pickings the station holds no copy of any more (read from Odoo). */
  shipFrom?: (pickingIds: readonly number[]) => Promise<Map<number, Address>>;
  /** Where the platforms' forms are saved (`<dataDir>/manifests`). */
  documentsDir: string;
  /** Queues a summary label on the label printer; returns the print job id. */
  print: (zpl: string) => string;
  dpi: () => Dpi;
  stationId: string;
  clock: Pick<Clock, 'now'>;
}

export interface ManifestRunOptions {
  /** Only this carrier's shipments (case-insensitive). */
  carrier?: string;
  /** Say what would be manifested; ask the platform nothing, write nothing, print nothing. */
  dryRun?: boolean;
}

/** The station's local day of `ms`: its date (YYYY-MM-DD) and the epoch ms it started at. */
export function localDay(ms: number): { date: string; start: number } {
  const d = new Date(ms);
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return { date: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`, start };
}

const PENDING_NOTE = 'the platform is still making the form; the station has no way to read it again, so take its PDF from the platform';

/** A form id as a file name: the platform's ids are word characters, anything else becomes `_`. */
const fileNameOf = (manifestId: string): string => `${manifestId.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;

function describe(group: ShipmentGroup): ManifestGroup {
  return {
    platform: group.platform,
    carrier: group.carrier,
    carrierAccount: group.carrierAccount,
    from: group.from === null ? 'ship-from not known here' : postalLines(group.from).slice(0, 2).join(', '),
    trackingCodes: group.members.map((m) => m.shipment.trackingCode),
  };
}

export class EndOfDayManifests {
  constructor(private readonly deps: ManifestRunDeps) {}

  /** Today's shipments not on a manifest, grouped as a run would (ship-from from the station's copies only). */
  preview(): { day: string; groups: ManifestGroup[]; leftFromEarlierDays: number } {
    const { store, clock } = this.deps;
    const day = localDay(clock.now());
    const candidates = store.candidates(day.start);
    const from = store.shipFrom(candidates.flatMap((c) => (c.pickingId === null ? [] : [c.pickingId])));
    const groups = groupForManifest(candidates, (id) => (id === null ? null : (from.get(id) ?? null)));
    return { day: day.date, groups: groups.map(describe), leftFromEarlierDays: store.countBefore(day.start) };
  }

  async run(opts: ManifestRunOptions = {}): Promise<ManifestRun> {
    const { store, clock } = this.deps;
    const dryRun = opts.dryRun === true;
    const day = localDay(clock.now());
    const documentsFetched = dryRun ? [] : await this.fetchMissingDocuments();
    const candidates = store.candidates(day.start).filter(ofCarrier(opts.carrier));
    const from = await this.shipFrom(candidates.flatMap((c) => (c.pickingId === null ? [] : [c.pickingId])));
    const groups = groupForManifest(candidates, (id) => (id === null ? null : (from.get(id) ?? null)));
    const outcomes: ManifestOutcome[] = [];
    for (const group of groups) outcomes.push(await this.manifestGroup(group, day.date, dryRun));
    return { day: day.date, dryRun, groups: outcomes, leftFromEarlierDays: store.countBefore(day.start), documentsFetched };
  }

  private async shipFrom(pickingIds: readonly number[]): Promise<Map<number, Address>> {
    const known = this.deps.store.shipFrom(pickingIds);
    const missing = [...new Set(pickingIds)].filter((id) => !known.has(id));
    if (missing.length === 0 || !this.deps.shipFrom) return known;
    try {
      for (const [id, address] of await this.deps.shipFrom(missing)) known.set(id, address);
    } catch {
      // Those groups fail below with "ship-from not known": the others are manifested all the same.
    }
    return known;
  }

  private async manifestGroup(group: ShipmentGroup, date: string, dryRun: boolean): Promise<ManifestOutcome> {
    const { platform } = this.deps;
    const base = { ...describe(group), manifestId: null, detail: null, documentPath: null, printJobId: null };
    if (group.platform !== platform.kind) {
      return { ...base, outcome: 'skipped', detail: `bought on ${group.platform}; the station uses ${platform.kind} now: make this form on ${group.platform}` };
    }
    if (dryRun) return { ...base, outcome: 'planned' };
    if (group.from === null) return { ...base, outcome: 'failed', detail: 'the ship-from address of these pickings is not known here nor in Odoo: they stay unmanifested' };
    let manifest: Manifest;
    try {
      manifest = await platform.manifest(group.members.map((m) => m.shipment), group.from);
    } catch (error) {
      return { ...base, outcome: 'failed', detail: `${errorMessage(error)}: these shipments stay unmanifested` };
    }
    if (manifest.status === 'failed') {
      this.deps.store.recordFailed(manifest);
      return { ...base, outcome: 'failed', manifestId: manifest.manifestId, detail: `the platform failed the form${manifest.detail ? `: ${manifest.detail}` : ''}; these shipments stay unmanifested` };
    }
    return this.recordAndPrint(group, manifest, base, date);
  }

  private async recordAndPrint(group: ShipmentGroup, manifest: Manifest, base: ManifestOutcome | Omit<ManifestOutcome, 'outcome'>, date: string): Promise<ManifestOutcome> {
    const { store } = this.deps;
    const listed = new Set(manifest.trackingCodes);
    // A form that lists its tracking codes holds those; one still being made may not list them yet.
    const onForm = listed.size === 0 ? group.members : group.members.filter((m) => listed.has(m.shipment.trackingCode));
    const marks = store.record(manifest, onForm.map((m) => m.reference));
    const notes: string[] = [];
    const left = group.members.length - onForm.length;
    if (left > 0) notes.push(`${left} shipment(s) not on the platform's form: they stay unmanifested`);
    if (marks.elsewhere.length > 0) notes.push(`already on another manifest: ${marks.elsewhere.join(', ')}`);
    if (manifest.status === 'pending') notes.push(PENDING_NOTE);
    let documentPath: string | null = null;
    if (manifest.status === 'created' && manifest.documentUrl !== null) {
      try {
        documentPath = await this.saveDocument(manifest.manifestId, manifest.documentUrl);
      } catch (error) {
        notes.push(`form not saved (${errorMessage(error)}): the next run fetches it again`);
      }
    } else if (manifest.status === 'created') notes.push('the platform gave no form to download');
    let printJobId: string | null = null;
    const marked = new Set(marks.marked);
    const codes = onForm.filter((m) => marked.has(m.reference)).map((m) => m.shipment.trackingCode);
    if (codes.length > 0) {
      try {
        printJobId = this.deps.print(
          manifestSummaryZpl({ carrier: group.carrier, carrierAccount: group.carrierAccount, manifestId: manifest.manifestId, date, trackingCodes: codes, stationId: this.deps.stationId, dpi: this.deps.dpi() }),
        );
        store.summaryQueued(manifest.manifestId);
      } catch (error) {
        notes.push(`summary label not queued: ${errorMessage(error)}`);
      }
    }
    return {
      ...base,
      trackingCodes: codes.length > 0 ? codes : onForm.map((m) => m.shipment.trackingCode),
      outcome: manifest.status,
      manifestId: manifest.manifestId,
      detail: notes.length > 0 ? notes.join('; ') : null,
      documentPath,
      printJobId,
    };
  }

  /** Forms of earlier manifests whose download failed: fetched again, so a form is never left only on the platform. */
  private async fetchMissingDocuments(): Promise<string[]> {
    const fetched: string[] = [];
    for (const m of this.deps.store.withoutDocument()) {
      if (m.documentUrl === null) continue;
      try {
        await this.saveDocument(m.manifestId, m.documentUrl);
        fetched.push(m.manifestId);
      } catch {
        // Still not reachable: tried again on the next run; the record says the form is missing.
      }
    }
    return fetched;
  }

  /** Downloads the form and writes it whole (temp file, then rename), so a crash never leaves half a PDF. */
  private async saveDocument(manifestId: string, url: string): Promise<string> {
    const bytes = await this.deps.platform.download(url);
    mkdirSync(this.deps.documentsDir, { recursive: true });
    const path = join(this.deps.documentsDir, fileNameOf(manifestId));
    writeFileSync(`${path}.part`, bytes);
    renameSync(`${path}.part`, path);
    this.deps.store.setDocumentPath(manifestId, path);
    return path;
  }
}
