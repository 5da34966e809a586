/**
 * A protocol-real carrier platform on 127.0.0.1 for the demo and the tests: EasyPost's `/v2` REST envelopes,
 * Basic auth with the key as user, 201/200/422/404/401 as recorded in EasyPost's cassettes, and label and form files
 * on auth-free URLs like EasyPost's S3 links. Shipments (returns too), address verification, refunds, scan forms and
 * trackers; the shipment and shipment_invoice reports reconciliation reads (carrier-reports.sim.ts), with labels and
 * carrier adjustments seeded by tests and the demo; `failNext` / `failNextReport` inject the faults met in the field;
 * every request is counted per path (`requestCounts`).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocal, listenLocal, readJsonBody, sendJson } from '../local-server.sim';
import { AddressBook } from './carrier-address.sim';
import { RefundDesk, type SettledRefund } from './carrier-refund.sim';
import { EasyPostReports } from './carrier-reports.sim';
import { route, type SandboxDesks } from './carrier-routes.sim';
import { ScanFormDesk } from './carrier-scan-form.sim';
import { seedEasyPostShipment, type SeedShipment } from './carrier-seed.sim';
import { SandboxStore } from './carrier-store.sim';
import { TrackerStore } from './carrier-tracker.sim';
import { errorBody, type SandboxReply } from './carrier-wire.sim';
import { ReconSandbox } from './recon-sandbox.sim';

export type SandboxFault = 'http500' | 'drop' | 'rate-limit' | 'malformed' | 'address-invalid';

export interface CarrierSandboxOptions {
  apiKey?: string;
  /** Buy answers a PNG label only, so clients must call the label conversion endpoint (default false). */
  deferZplConversion?: boolean;
  /** Seconds announced in Retry-After for the 'rate-limit' fault (default 1). */
  retryAfterSeconds?: number;
}

export class CarrierSandbox extends ReconSandbox {
  private readonly apiKey: string;
  private readonly retryAfterSeconds: number;
  private readonly desks: SandboxDesks;
  private readonly faults: SandboxFault[] = [];
  private server: Server | null = null;
  private origin = '';

  constructor(opts: CarrierSandboxOptions = {}) {
    super();
    this.apiKey = opts.apiKey ?? 'sandbox-carrier-key';
    this.retryAfterSeconds = opts.retryAfterSeconds ?? 1;
    // Trackers link to the shipments sold with their code; the lookup runs per request, once both exist.
    const trackers = new TrackerStore((code) => this.desks.shipments.soldWith(code));
    const shipments = new SandboxStore({ deferZplConversion: opts.deferZplConversion ?? false }, trackers);
    const reports = new EasyPostReports(shipments, this.billing, this.reportFaults);
    this.desks = { shipments, trackers, addresses: new AddressBook(), refunds: new RefundDesk(shipments), forms: new ScanFormDesk(shipments), reports };
  }

  /** A sandbox already listening on a free loopback port. */
  static async start(opts: CarrierSandboxOptions = {}): Promise<CarrierSandbox> {
    const sandbox = new CarrierSandbox(opts);
    await sandbox.listen(0);
    return sandbox;
  }

  /** The API base (`http://127.0.0.1:<port>/v2`) once listening. */
  get url(): string {
    if (!this.server) throw new Error('carrier sandbox is not listening');
    return `${this.origin}/v2`;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    if (this.server) throw new Error('carrier sandbox is already listening');
    const { server, origin, port: bound } = await listenLocal((req, res) => void this.handle(req, res), port, host);
    this.server = server;
    this.origin = origin;
    return { url: this.url, port: bound };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await closeLocal(server);
  }

  /** The next `n` API requests (under /v2; label and form downloads are not counted) fail with `kind`. */
  failNext(n: number, kind: SandboxFault): void {
    for (let i = 0; i < n; i++) this.faults.push(kind);
  }

  shipments(): { id: string; reference: string | null; trackingCode: string | null; bought: boolean }[] {
    return this.desks.shipments.shipments();
  }

  /** Every purchase applied, in order: a shipment listed twice would be a double charge. */
  purchases(): { shipmentId: string; trackingCode: string }[] {
    return this.desks.shipments.purchases();
  }

  /** Every refund the platform took up, in order, with its status now; asking again for one open adds none. */
  refunds(): { trackingCode: string; status: string }[] {
    return this.desks.refunds.refunds();
  }

  /** The carrier decides on the shipment's open refund (it stays `submitted` until then); false when none is open. */
  settleRefund(shipmentId: string, status: SettledRefund): boolean {
    return this.desks.refunds.settle(shipmentId, status);
  }

  /** A label bought in the account outside any station (an orphan to reconciliation), or many at once for a bench. */
  seedShipment(seed: SeedShipment = {}): { shipmentId: string; trackingCode: string } {
    return seedEasyPostShipment(this.desks.shipments, seed, this.origin);
  }

  protected hasLabel(shipmentId: string): boolean {
    return Boolean(this.desks.shipments.record(shipmentId)?.postageLabel);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.origin);
      this.counter.count(req.method ?? 'GET', url.pathname);
      const body = await readJsonBody(req);
      const label = /^\/labels\/(shp_[0-9a-f]+)\.zpl$/.exec(url.pathname);
      if (req.method === 'GET' && label?.[1]) return serveFile(res, this.desks.shipments.labelZpl(label[1]), 'application/zpl');
      const form = /^\/forms\/(sf_[0-9a-f]+)\.pdf$/.exec(url.pathname);
      if (req.method === 'GET' && form?.[1]) return serveFile(res, this.desks.forms.pdf(form[1]), 'application/pdf');
      const report = /^\/reports\/((?:shprep|shpinvrep)_[0-9a-f]+)\.csv$/.exec(url.pathname);
      if (req.method === 'GET' && report?.[1]) return serveFile(res, this.desks.reports.csv(report[1]), 'text/csv');
      if (!url.pathname.startsWith('/v2/')) return send(res, { status: 404, body: errorBody('NOT_FOUND', 'The requested resource could not be found.') });

      const fault = this.faults.shift();
      if (fault !== undefined && fault !== 'drop') return this.sendFault(res, fault);
      const reply = this.authorized(req) ? route(this.desks, req.method ?? 'GET', url, body, this.origin) : unauthorized(req);
      // 'drop' applies the request, then loses the reply: the station cannot tell whether it happened.
      if (fault === 'drop') return void res.socket?.destroy();
      send(res, reply);
    } catch (e) {
      send(res, { status: 500, body: errorBody('INTERNAL_SERVER_ERROR', e instanceof Error ? e.message : 'sandbox failure') });
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m?.[1]) return false;
    const user = Buffer.from(m[1], 'base64').toString('utf8').split(':')[0];
    return user === this.apiKey;
  }

  private sendFault(res: ServerResponse, fault: Exclude<SandboxFault, 'drop'>): void {
    switch (fault) {
      case 'http500':
        return send(res, { status: 500, body: errorBody('INTERNAL_SERVER_ERROR', 'We\'re sorry, but something went wrong.') });
      case 'rate-limit':
        return send(res, { status: 429, body: errorBody('RATE_LIMITED', 'You have exceeded the rate limit. Please retry later.') }, { 'retry-after': String(this.retryAfterSeconds) });
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return void res.end('{"id": "shp_');
      case 'address-invalid':
        // Verbatim shape of test_address_verify_invalid_address.yaml.
        return send(res, {
          status: 422,
          body: errorBody('ADDRESS.VERIFY.FAILURE', 'Unable to verify address.', [
            { code: 'E.ADDRESS.NOT_FOUND', field: 'address', message: 'Address not found', suggestion: null },
            { code: 'E.HOUSE_NUMBER.MISSING', field: 'street1', message: 'House number is missing', suggestion: null },
          ]),
        });
    }
  }
}

/** A file on the platform's storage: S3 answers a missing object with XML, not EasyPost JSON. */
function serveFile(res: ServerResponse, content: string | Buffer | null, type: string): void {
  if (content === null) {
    res.writeHead(404, { 'content-type': 'application/xml' });
    return void res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>');
  }
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(content) });
  res.end(content);
}

function unauthorized(req: IncomingMessage): SandboxReply {
  const code = req.headers.authorization ? 'APIKEY.INACTIVE' : 'APIKEY.REQUIRED';
  return { status: 401, body: errorBody(code, 'Unauthorized: the API key is missing, inactive or invalid.') };
}

function send(res: ServerResponse, reply: SandboxReply, headers: Record<string, string> = {}): void {
  sendJson(res, reply.status, reply.body, { ...reply.headers, ...headers });
}
