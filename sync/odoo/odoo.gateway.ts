import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { Parcel } from '../../app/domain/parcel.schema';
import type { Picking } from '../../app/domain/picking.schema';
import type { FactNeeds, PickingFacts } from '../../app/domain/picking-basis.schema';
import type { OdooGateway, OdooPickingFeed, OdooVersion, PickingClaims, PickingFactsSource, PickingRef, ReadyPickingsQuery, RemoteCallObserver, RequestLimiter } from '../../app/ports';
import { OdooJson2 } from './json2.client';
import { OdooJsonRpc } from './jsonrpc.client';
import { dialectOf } from './odoo-version.dialect';
import type { OdooExec } from './odoo-exec';
import { OdooPickingReader, parseReply } from './odoo-picking.reader';
import { VersionInfoSchema } from './odoo-records.schema';
import { pickingRefs, readyPickingRefs } from './odoo-ready-pickings.query';
import { OdooClaims } from './picking-claim';
import { OdooPickingWork } from './odoo-picking.work';
import { OdooPickingWorks } from './picking-works';
import { readPickingFacts } from './picking-facts.reader';

export interface OdooGatewayOptions {
  url: string;
  db: string;
  login: string;
  apiKey: string;
  timeoutMs?: number;
  /** Told the duration and outcome of every request (metrics, per-call logs). */
  observer?: RemoteCallObserver;
  /** The request-rate limit of this Odoo (`sync.odoo.rps`); none = as fast as Odoo answers. */
  limiter?: RequestLimiter;
}

export type OdooSession = Session;

interface Session extends OdooExec {
  version: OdooVersion;
  /** The API user's id (`authenticate` on 16–18, `context_get` on 19). */
  uid: number;
}

/**
 * The station's Odoo: the external JSON-RPC API on 16, 17 and 18, JSON-2 on 19+ (chosen by `common.version`, which
 * both answer). Authenticates on first use and adapts to the server's major version (odoo-version.dialect.ts). The
 * writes go through a picking work (odoo-picking.work.ts), which holds what they read of the picking and makes each
 * of them idempotent, so the sync engine may retry after any lost reply.
 */
export class OdooJsonRpcGateway implements OdooGateway, OdooPickingFeed, PickingFactsSource {
  private readonly rpc: OdooJsonRpc;
  private session: Promise<Session> | null = null;

  constructor(private readonly opts: OdooGatewayOptions) {
    this.rpc = new OdooJsonRpc({ url: opts.url, observer: opts.observer, limiter: opts.limiter, ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}) });
  }

  async version(): Promise<OdooVersion> {
    return (await this.connect()).version;
  }

  async probe(): Promise<void> {
    await this.rpc.call('common', 'version', []);
  }

  async findPicking(scan: string): Promise<Picking | null> {
    return new OdooPickingReader(await this.connect()).find(scan);
  }

  async readyPickings(query: ReadyPickingsQuery): Promise<PickingRef[]> {
    return readyPickingRefs(await this.connect(), query);
  }

  async pickingStates(ids: readonly number[], since: string | null): Promise<PickingRef[]> {
    return pickingRefs(await this.connect(), ids, since);
  }

  async loadPickings(ids: readonly number[]): Promise<{ pickings: Picking[]; refused: { id: number; reason: string }[] }> {
    const { pickings, refused } = await new OdooPickingReader(await this.connect()).loadMany(ids);
    return { pickings, refused: refused.map((r) => ({ id: r.id, reason: r.error.message })) };
  }

  async pickingFacts(pickingId: number, needs: FactNeeds): Promise<PickingFacts> {
    return readPickingFacts(await this.connect(), pickingId, needs);
  }

  /** This station's claims on pickings (picking-claim.ts); `now` is compared with Odoo's write_date of a claim. */
  claimsFor(stationId: string, ttlMs: number, now: () => number): PickingClaims {
    const claims = new OdooClaims(() => this.connect());
    return {
      claim: (pickingId) => claims.claim(pickingId, stationId, ttlMs, now()),
      release: (pickingId, feedback) => claims.release(pickingId, stationId, feedback),
    };
  }

  async pickingWork(pickingId: number): Promise<OdooPickingWork> {
    return new OdooPickingWork(await this.connect(), pickingId);
  }

  async pickingWorks(pickingIds: readonly number[]): Promise<OdooPickingWorks> {
    return OdooPickingWorks.open(await this.connect(), pickingIds);
  }

  // Single writes, each one picking work of its own: for tools and the contract tests; deliveries use pickingWorks.

  async putInPack(parcel: Parcel): Promise<{ packageId: number | null }> {
    return (await this.pickingWork(parcel.pickingId)).putInPack(parcel);
  }

  async addTrackingRef(pickingId: number, trackingCode: string): Promise<void> {
    await (await this.pickingWork(pickingId)).addTrackingRefs([trackingCode]);
  }

  async attachLabel(pickingId: number, name: string, zpl: string): Promise<{ attachmentId: number }> {
    const ids = await (await this.pickingWork(pickingId)).attachLabels([{ name, zpl }]);
    const attachmentId = ids.get(name);
    if (attachmentId === undefined) throw new StationError('INVALID_REPLY', `odoo attachment create: no id for ${name}`);
    return { attachmentId };
  }

  async validate(pickingId: number): Promise<void> {
    await (await this.pickingWork(pickingId)).validate();
  }

  /** The logged-in API session (version, user): for other readers of the same Odoo, such as the hub's reconciliation. */
  apiSession(): Promise<OdooSession> {
    return this.connect();
  }

  private connect(): Promise<Session> {
    if (!this.session) {
      this.session = this.open();
      // A failed login must not stick: the next call tries again.
      this.session.catch(() => {
        this.session = null;
      });
    }
    return this.session;
  }

  private async open(): Promise<Session> {
    const info = parseReply(VersionInfoSchema, await this.rpc.call('common', 'version', []), 'common.version');
    const version = { serverVersion: info.server_version, major: majorOf(info.server_version_info[0]) };
    const { db, login, apiKey } = this.opts;
    // 19 still answers `common.version` on /jsonrpc, but the object calls go to JSON-2, where the API key is the login.
    if (dialectOf(version.major).transport === 'json2') {
      const json2 = new OdooJson2({ url: this.opts.url, db, apiKey, major: version.major, observer: this.opts.observer, limiter: this.opts.limiter, ...(this.opts.timeoutMs !== undefined ? { timeoutMs: this.opts.timeoutMs } : {}) });
      // No login on JSON-2: one cheap call proves the key now (401 → AUTH), as `authenticate` does on 16–18.
      const { uid } = parseReply(z.object({ uid: z.number().int().positive() }), await json2.call('res.users', 'context_get', []), 'res.users.context_get');
      return { version, major: version.major, uid, call: (model, method, args, kwargs) => json2.call(model, method, args, kwargs) };
    }
    const uid = await this.rpc.call('common', 'authenticate', [db, login, apiKey, {}]);
    if (uid === false || uid === null) throw new StationError('AUTH', `odoo: login "${login}" on database "${db}" was refused`);
    const userId = parseReply(z.number().int().positive(), uid, 'common.authenticate');
    const rpc = this.rpc;
    return {
      version,
      major: version.major,
      uid: userId,
      call: (model, method, args, kwargs = {}) => rpc.call('object', 'execute_kw', [db, userId, apiKey, model, method, args, kwargs]),
    };
  }
}

function majorOf(first: number | string | undefined): number {
  if (typeof first === 'number') return first;
  const match = /(\d+)/.exec(first ?? '');
  if (!match) throw new StationError('INVALID_REPLY', `odoo common.version: cannot read a major version from "${String(first)}"`);
  return Number(match[1]);
}
