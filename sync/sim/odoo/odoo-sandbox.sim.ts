import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocal, listenLocal } from '../local-server.sim';
import { LOG_ACCESS_COLUMNS, ObjectService, isMutating } from './object-service.sim';
import { OdooFault } from './odoo-fault.sim';
import type { FaultKind } from './odoo-fault.sim';
import { json2Error, json2Route, serveJson2 } from './json2-endpoint.sim';
import { RecordStore } from './record-store.sim';
import { errorEnvelope, parseRpcRequest, resultEnvelope } from './rpc-envelope.sim';
import type { RpcRequest } from './rpc-envelope.sim';
import { createPickings, seedDemo } from './demo-data.sim';
import type { SeededPicking } from './demo-data.sim';
import { StockMethods } from './stock-methods.sim';
import { stockModels } from './stock-models.sim';
import { pickingView } from './picking-view.sim';
import type { SandboxPickingView } from './picking-view.sim';
import type { SandboxVersion } from './stock-models.sim';
import { WizardMethods } from './wizards.sim';
import { OdooByHand } from './odoo-by-hand.sim';
import { seedXmlIds, withReconModels } from './recon-models.sim';
import { seedPeople, withPeopleModels } from './people-models.sim';
import { FaultPlan, deliverReply, failedEarly } from './wire-faults.sim';

export type { FaultKind } from './odoo-fault.sim';
export type { SandboxPickingView } from './picking-view.sim';

export interface SandboxOperation {
  model: string;
  method: string;
  args: unknown[];
  at: number;
}

/** One `object.execute_kw` as the sandbox received it, reads included: what a test asserts a client asked. */
export interface SandboxCall {
  model: string;
  method: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** The call log keeps the newest calls only, so a long demo does not grow without bound. */
const MAX_CALLS = 5_000;

const UID = 2;

/**
 * An Odoo 16/17/18/19 that speaks the real external API on `POST /jsonrpc` (and 19's JSON-2 on `/json/2`): `common.version` / `common.authenticate`,
 * `object.execute_kw` with credential checks, Odoo's error envelope, and the stock + delivery + stock_sms behaviour
 * of the packing flow on an in-memory database seeded with demo data.
 *
 * Faults (`failNext`): `http500` and `odoo-error` happen before the call is applied (Odoo rolls back); `drop` and
 * `malformed` happen after it was applied and committed — the reply is lost or garbled on its way back, which is
 * the case idempotent retries must survive.
 */
export class OdooSandbox {
  readonly version: SandboxVersion;
  private readonly db: string;
  private readonly login: string;
  private readonly apiKey: string;
  private readonly store: RecordStore;
  private readonly objects: ObjectService;
  private readonly stock: StockMethods;
  private readonly ops: SandboxOperation[] = [];
  private readonly callLog: SandboxCall[] = [];
  private readonly faults = new FaultPlan();
  private server: Server | null = null;
  /** Requests per endpoint: which API a client used (19 still answers /jsonrpc, deprecated). */
  readonly hits = { jsonrpc: 0, json2: 0 };
  /** Changes people make in Odoo (a picking shipped with an unknown tracking code, attachments deleted…). */
  readonly byHand: OdooByHand;

  constructor(opts: { version: SandboxVersion; db?: string; login?: string; apiKey?: string; smsWizard?: boolean }) {
    this.version = opts.version;
    this.db = opts.db ?? 'station';
    this.login = opts.login ?? 'admin';
    this.apiKey = opts.apiKey ?? 'sandbox-key';
    this.store = new RecordStore(withPeopleModels(withReconModels(stockModels(this.version), this.version), this.version));
    seedDemo(this.store, this.version);
    seedXmlIds(this.store);
    seedPeople(this.store, this.version);
    // stock_sms is auto-installed with stock + sms on a real database, so its wizard is on unless a test opts out.
    this.stock = new StockMethods(this.store, this.version, opts.smsWizard ?? true);
    this.objects = new ObjectService(this.store, this.stock, new WizardMethods(this.store, this.stock, this.version), this.version);
    this.byHand = new OdooByHand(this.store, this.objects, (fn) => this.applyAsUser(fn), (id) => this.validateInOdoo(id));
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    const { server, origin, port: actual } = await listenLocal((req, res) => void this.handle(req, res), port, host);
    this.server = server;
    return { url: origin, port: actual };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await closeLocal(server);
  }

  /** Untracked deliveries; `tracked: true` makes each hold a lot-tracked and a serial-tracked product with reserved lots. */
  createPickings(count: number, opts: { linesPerPicking?: number; tracked?: boolean } = {}): SeededPicking[] {
    return createPickings(this.store, this.version, count, opts);
  }

  picking(id: number): SandboxPickingView {
    return pickingView(this.store, this.version, id);
  }

  /** Every mutating `execute_kw` the sandbox applied (including those whose reply was then lost), oldest first. */
  operations(): SandboxOperation[] {
    return this.ops.map((o) => ({ ...o, args: structuredClone(o.args) }));
  }

  /**
   * The pickings validated, one entry per move to `done` that took effect, oldest first (by the station or a user).
   * A `button_validate` that only opened a dialog validated nothing and is not here.
   */
  validations(): number[] {
    return [...this.stock.doneLog];
  }

  /** Every `execute_kw` received (newest {@link MAX_CALLS}), reads too, oldest first; `clearCalls` starts a new log. */
  calls(): SandboxCall[] {
    return structuredClone(this.callLog);
  }

  clearCalls(): void {
    this.callLog.length = 0;
  }

  /** The records of `model` matching an Odoo domain, every stored field (what a user would see in Odoo). */
  records(model: string, domain: unknown[] = []): Record<string, unknown>[] {
    return this.store.read(model, this.store.search(model, domain));
  }

  /** A user validates the picking in Odoo, everything done, no wizard: its state and write_date change behind the station. */
  validateInOdoo(pickingId: number): void {
    this.applyAsUser(() => {
      const lines = this.store.rows('stock.move.line').filter((l) => l.picking_id === pickingId);
      for (const l of lines) this.store.write('stock.move.line', [l.id], this.version === 16 ? { qty_done: l.reserved_uom_qty } : { picked: true });
      this.objects.execute('stock.picking', 'button_validate', [[pickingId]], { context: { skip_immediate: true, skip_backorder: true, skip_sms: true } });
    });
  }

  /** A user cancels the picking in Odoo (`action_cancel`). */
  cancelInOdoo(pickingId: number): void {
    this.applyAsUser(() => this.objects.execute('stock.picking', 'action_cancel', [[pickingId]], {}));
  }

  /** A user (or another station) creates a record in Odoo; returns its id. `context` as the create's kwargs context. */
  createInOdoo(model: string, values: Record<string, unknown>, context: Record<string, unknown> = {}): number {
    let id = 0;
    this.applyAsUser(() => {
      id = this.objects.execute(model, 'create', [values], { context }) as number;
    });
    return id;
  }

  /** A user edits a record in Odoo, e.g. `{ scheduled_date }` (write_date moves); create/write_date, which no call sets, as time passing. */
  writeInOdoo(model: string, id: number, values: Record<string, unknown>): void {
    const dates = Object.fromEntries(Object.entries(values).filter(([name]) => LOG_ACCESS_COLUMNS.includes(name)));
    this.applyAsUser(() => {
      this.objects.execute(model, 'write', [[id], values], {});
      if (Object.keys(dates).length > 0) this.store.write(model, [id], dates);
    });
  }

  private applyAsUser(fn: () => void): void {
    const call = this.checkpoint();
    try {
      fn();
      call.commit();
    } catch (error) {
      call.rollback();
      throw error;
    }
  }

  /** Odoo's per-request transaction: a failed call is rolled back whole, the records and the validations it made. */
  private checkpoint(): { commit(): void; rollback(): void } {
    const savepoint = this.store.savepoint();
    const validated = this.stock.doneLog.length;
    return {
      commit: () => this.store.release(savepoint),
      rollback: () => {
        this.store.rollback(savepoint);
        this.stock.doneLog.length = validated;
      },
    };
  }

  /** The next `n` matching requests fail with `kind`; `n = 0` clears. `match` narrows it to one model/method. */
  failNext(n: number, kind: FaultKind, match?: { model?: string; method?: string }): void {
    this.faults.set(n, kind, match);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const json2 = this.version >= 19 ? json2Route(path) : null;
    if (req.method !== 'POST' || (path !== '/jsonrpc' && !json2)) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
      return;
    }
    this.hits[json2 ? 'json2' : 'jsonrpc'] += 1;
    if (json2) {
      this.handleJson2(req, res, json2, Buffer.concat(chunks).toString('utf8'));
      return;
    }
    let request: RpcRequest | null = null;
    try {
      request = parseRpcRequest(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch {
      request = null;
    }
    if (!request) {
      res.writeHead(400, { 'content-type': 'text/html' }).end('<h1>Bad Request</h1>');
      return;
    }
    const [, , , model, method] = request.args;
    const rpcId = request.id;
    const fault = this.faults.take(request.service === 'object' ? { model: String(model), method: String(method) } : null);
    const asEnvelope = (error: OdooFault) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(errorEnvelope(rpcId, error, this.rpcErrorCode)) });
    if (failedEarly(res, fault, String(model), asEnvelope)) return;
    const envelope = this.dispatch(request);
    deliverReply(req, res, fault, 'application/json', JSON.stringify(envelope));
  }

  /** 19's `/json/2/<model>/<method>`: the same faults, on JSON-2's wire (HTTP status + serialized exception). */
  private handleJson2(req: IncomingMessage, res: ServerResponse, call: { model: string; method: string }, body: string): void {
    const fault = this.faults.take(call);
    if (failedEarly(res, fault, call.model, json2Error)) return;
    const server = { db: this.db, apiKey: this.apiKey, hasModel: (m: string) => this.store.has(m), execute: this.execute.bind(this) };
    const reply = serveJson2({ headers: req.headers, body, ...call }, server);
    if (reply.status !== 200) {
      res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
      return;
    }
    deliverReply(req, res, fault, reply.contentType, reply.body);
  }

  private get rpcErrorCode(): number {
    return this.version >= 19 ? 0 : 200;
  }

  private dispatch(request: RpcRequest): Record<string, unknown> {
    try {
      return resultEnvelope(request.id, this.serve(request));
    } catch (error) {
      const fault = error instanceof OdooFault ? error : new OdooFault('builtins.Exception', error instanceof Error ? error.message : String(error));
      return errorEnvelope(request.id, fault, this.rpcErrorCode);
    }
  }

  private serve({ service, method, args }: RpcRequest): unknown {
    const serverVersion = `${this.version}.0`;
    if (service === 'common' && method === 'version') {
      return { server_version: serverVersion, server_version_info: [this.version, 0, 0, 'final', 0, ''], server_serie: serverVersion, protocol_version: 1 };
    }
    if (service === 'common' && (method === 'authenticate' || method === 'login')) {
      const [db, login, password] = args;
      return db === this.db && login === this.login && password === this.apiKey ? UID : false;
    }
    if (service === 'db' && method === 'list') return [this.db];
    if (service === 'db' && method === 'server_version') return serverVersion;
    if (service === 'object' && (method === 'execute_kw' || method === 'execute')) {
      const [db, uid, password, model, modelMethod, ...rest] = args;
      if (db !== this.db) throw new OdooFault('psycopg2.OperationalError', `connection to server failed: FATAL:  database "${String(db)}" does not exist`);
      if (uid !== UID || password !== this.apiKey) throw new OdooFault('odoo.exceptions.AccessDenied', 'Access Denied');
      const callArgs = method === 'execute_kw' ? (Array.isArray(rest[0]) ? rest[0] : []) : rest;
      const kwargs = method === 'execute_kw' && typeof rest[1] === 'object' && rest[1] !== null ? (rest[1] as Record<string, unknown>) : {};
      return this.execute(String(model), String(modelMethod), callArgs, kwargs);
    }
    throw new OdooFault('builtins.KeyError', `'exp_${method}'`);
  }

  /** One object call, whichever transport brought it: logged, applied, rolled back whole if it raises. */
  private execute(model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): unknown {
    this.callLog.push({ model, method, args: structuredClone(args), kwargs: structuredClone(kwargs) });
    if (this.callLog.length > MAX_CALLS) this.callLog.splice(0, this.callLog.length - MAX_CALLS);
    // Reads change nothing to roll back.
    const call = isMutating(method) ? this.checkpoint() : null;
    try {
      const result = this.objects.execute(model, method, args, kwargs);
      if (call) {
        this.ops.push({ model, method, args: structuredClone(args), at: Date.now() });
        call.commit();
      }
      return result;
    } catch (error) {
      call?.rollback();
      throw error;
    }
  }
}
