/**
 * A protocol-real Shippo on 127.0.0.1 for the demo and the tests: `https://api.goshippo.com`'s REST paths (with or
 * without the trailing slash), `Authorization: ShippoToken <token>` with Shippo's 401 bodies, DRF error envelopes,
 * 32-hex object ids, paginated lists, and label and manifest files on credential-free URLs like Shippo's S3 links.
 * `failNext` injects the faults a station meets in the field; `carrierTimeoutNext` makes the carrier fail a purchase
 * the way Shippo reports it (a 201 transaction with status ERROR and a `carrier_timeout` message). The Reporting API
 * (shippo-reporting.sim.ts) serves the invoice.v1 report reconciliation reads, over labels and carrier adjustments
 * seeded by tests and the demo; every request is counted per path (`requestCounts`).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocal, listenLocal, readJsonBody, sendJson } from '../../local-server.sim';
import { ReconSandbox } from '../recon-sandbox.sim';
import { createManifest, createRefund, getManifest, getRefund, listRefunds, track } from './shippo-after-sale.sim';
import { ShippoReporting } from './shippo-reporting.sim';
import { createAddress, createShipment, createTransaction, getRate, getShipment, getTransaction, listTransactions } from './shippo-sales.sim';
import { seedShippoLabel, type ShippoSeed } from './shippo-seed.sim';
import { ShippoState, type SandboxOptions } from './shippo-state.sim';
import { detail, notFound, type SandboxReply } from './shippo-wire.sim';

export type ShippoSandboxFault = 'http500' | 'drop' | 'rate-limit' | 'malformed';

export interface ShippoSandboxOptions extends Partial<SandboxOptions> {
  /** The account's API token (default a `shippo_test_` token). */
  apiKey?: string;
  /** Seconds announced in Retry-After for the 'rate-limit' fault (default 1). */
  retryAfterSeconds?: number;
}

export const SHIPPO_SANDBOX_KEY = 'shippo_test_5a1e3c0d9b7f4e2a8c6d0b1f3e5a7c9d2b4f6e8a';

export class ShippoSandbox extends ReconSandbox {
  private readonly apiKey: string;
  private readonly retryAfterSeconds: number;
  private readonly state: ShippoState;
  private readonly faults: { kind: ShippoSandboxFault; on: string | undefined }[] = [];
  private readonly reporting: ShippoReporting;
  private server: Server | null = null;
  private origin = '';

  constructor(opts: ShippoSandboxOptions = {}) {
    super();
    this.apiKey = opts.apiKey ?? SHIPPO_SANDBOX_KEY;
    this.retryAfterSeconds = opts.retryAfterSeconds ?? 1;
    this.state = new ShippoState({ queuedLabels: opts.queuedLabels ?? false, refundStatus: opts.refundStatus ?? 'QUEUED' });
    this.reporting = new ShippoReporting(this.state, this.billing, this.reportFaults);
  }

  /** The base URL a client takes (like `https://api.goshippo.com`); empty until listening. */
  get url(): string {
    return this.origin;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    if (this.server) throw new Error('Shippo sandbox is already listening');
    const { server, origin, port: bound } = await listenLocal((req, res) => void this.handle(req, res), port, host);
    this.server = server;
    this.origin = origin;
    return { url: origin, port: bound };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await closeLocal(server);
  }

  /**
   * The next `n` API requests (files not counted) fail with `kind`; 'drop' applies the request, then loses the
   * reply. With `on` (`"POST /refunds"`: a method and a collection) only such requests count.
   */
  failNext(n: number, kind: ShippoSandboxFault, on?: string): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind, on });
  }

  /** The next `n` purchases fail at the carrier (`carrier_timeout`), as Shippo reports it. */
  carrierTimeoutNext(n = 1): void {
    this.state.carrierTimeouts += n;
  }

  /** Every label bought, one per purchase, in order: a shipment listed twice was charged twice. */
  purchases(): { shipmentId: string; trackingCode: string }[] {
    return this.state.bought.map((p) => ({ ...p }));
  }

  /** Every shipment created, with our reference (its metadata) and the label bought on it, if any. */
  shipments(): { id: string; reference: string | null; trackingCode: string | null; bought: boolean }[] {
    return [...this.state.shipments.values()].map((s) => {
      const label = this.state.bought.find((b) => b.shipmentId === s.id);
      return { id: s.id, reference: s.metadata || null, trackingCode: label?.trackingCode ?? null, bought: label !== undefined };
    });
  }

  /** Every refund requested, in order. */
  refunds(): { trackingCode: string; status: string }[] {
    return this.state.refundLog.map((r) => ({ ...r }));
  }

  /** A label bought in the account outside any station (an orphan to reconciliation), or many at once for a bench. */
  seedShipment(seed: ShippoSeed = {}): { shipmentId: string; transactionId: string; trackingCode: string } {
    return seedShippoLabel(this.state, seed, this.origin);
  }

  protected hasLabel(transactionId: string): boolean {
    return Boolean(this.state.transactions.get(transactionId)?.trackingNumber);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.origin);
      this.counter.count(req.method ?? 'GET', url.pathname);
      const body = await readJsonBody(req);
      const file = /^\/files\/(labels|manifests|reports)\/([0-9a-f]{32})\.(zpl|pdf|csv)$/.exec(url.pathname);
      if (req.method === 'GET' && file) return this.serveFile(res, file[1] ?? '', file[2] ?? '', file[3] ?? '');

      const fault = this.takeFault(`${req.method ?? 'GET'} /${url.pathname.split('/')[1] ?? ''}`);
      if (fault !== undefined && fault !== 'drop') return this.sendFault(res, fault);
      const reply = this.authorized(req) ?? this.route(req.method ?? 'GET', url, body);
      // 'drop' applies the request, then loses the reply: the station cannot tell whether it happened.
      if (fault === 'drop') return void res.socket?.destroy();
      sendJson(res, reply.status, reply.body, reply.headers);
    } catch {
      sendHtml(res, 500, '<h1>Server Error (500)</h1>');
    }
  }

  private takeFault(request: string): ShippoSandboxFault | undefined {
    const i = this.faults.findIndex((f) => f.on === undefined || f.on === request);
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]?.kind;
  }

  private route(method: string, url: URL, body: unknown): SandboxReply {
    const parts = url.pathname.split('/').filter(Boolean);
    const [collection, id, more] = parts;
    const s = this.state;
    const get = method === 'GET';
    const post = method === 'POST';
    if (collection === 'tracks' && get && id && more && parts.length === 3) return track(s, decodeURIComponent(id), decodeURIComponent(more));
    if (collection === 'v2' && id === 'reporting') return this.reporting.route(method, parts.slice(2), body, this.origin);
    if (parts.length > 2) return notFound();
    const one = id === undefined ? null : decodeURIComponent(id);
    switch (collection) {
      case 'addresses':
        if (post && one === null) return createAddress(s, body);
        break;
      case 'shipments':
        if (post && one === null) return createShipment(s, body);
        if (get && one !== null) return getShipment(s, one);
        break;
      case 'rates':
        if (get && one !== null) return getRate(s, one);
        break;
      case 'transactions':
        if (post && one === null) return createTransaction(s, body, this.origin);
        if (get) return one === null ? listTransactions(s, url, this.origin) : getTransaction(s, one, this.origin);
        break;
      case 'refunds':
        if (post && one === null) return createRefund(s, body);
        if (get) return one === null ? listRefunds(s, url) : getRefund(s, one);
        break;
      case 'manifests':
        if (post && one === null) return createManifest(s, body, this.origin);
        if (get && one !== null) return getManifest(s, one, this.origin);
        break;
    }
    return notFound();
  }

  /** Shippo's 401 bodies (authentication guide): no credentials, or a token it does not know. */
  private authorized(req: IncomingMessage): SandboxReply | null {
    const header = req.headers.authorization;
    if (!header) return detail(401, 'Authentication credentials were not provided.');
    const m = /^ShippoToken\s+(\S+)$/.exec(header);
    return m?.[1] === this.apiKey ? null : detail(401, 'Token does not exist');
  }

  private sendFault(res: ServerResponse, fault: Exclude<ShippoSandboxFault, 'drop'>): void {
    switch (fault) {
      case 'http500':
        // Django's production error page, not JSON.
        return sendHtml(res, 500, '<h1>Server Error (500)</h1>');
      case 'rate-limit': {
        const s = this.retryAfterSeconds;
        return sendJson(res, 429, { detail: `Request was throttled. Expected available in ${s} second${s === 1 ? '' : 's'}.` }, { 'retry-after': String(s) });
      }
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"object_id": "');
    }
  }

  private serveFile(res: ServerResponse, folder: string, id: string, ext: string): void {
    const csv = folder === 'reports' ? this.reporting.csv(id) : null;
    const bytes =
      folder === 'labels'
        ? this.state.transactions.get(id)?.file
        : folder === 'manifests'
          ? { kind: 'pdf', bytes: this.state.manifests.get(id)?.pdf ?? null }
          : { kind: 'csv', bytes: csv === null ? null : Buffer.from(csv, 'utf8') };
    if (!bytes?.bytes || bytes.kind !== ext) {
      // S3 answers a missing object with XML, not Shippo JSON.
      res.writeHead(404, { 'content-type': 'application/xml' });
      return void res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
    }
    const type = ext === 'zpl' ? 'application/zpl' : ext === 'csv' ? 'text/csv' : 'application/pdf';
    res.writeHead(200, { 'content-type': type, 'content-length': bytes.bytes.length });
    res.end(bytes.bytes);
  }
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}
