/**
 * What follows a sale in the Shippo sandbox: refunds (the transaction's status follows: REFUNDPENDING, REFUNDED),
 * end-of-day manifests for one carrier account with their PDF form, and tracks.
 */
import { parseBody, ShippoManifestInputSchema, ShippoRefundInputSchema } from './shippo-input.sim';
import { buildTextPdf } from '../carrier-pdf.sim';
import { CARRIER_ACCOUNTS } from './shippo-rates.sim';
import { addressOf } from './shippo-sales.sim';
import type { RefundRecord, ShippoState } from './shippo-state.sim';
import { labelTrack, testTrack, unknownTrack } from './shippo-tracks.sim';
import { fieldError, invalidPk, isoNow, notFound, objectId, ok, OWNER, page, type SandboxReply } from './shippo-wire.sim';

const REFUND_ASKED = new Set(['REFUNDPENDING', 'REFUNDED', 'REFUNDREJECTED']);

const wireRefund = (r: RefundRecord): Record<string, unknown> => ({
  object_id: r.id,
  object_owner: OWNER,
  object_created: r.createdAt,
  object_updated: r.createdAt,
  status: r.status,
  transaction: r.transactionId,
  test: true,
});

export function createRefund(state: ShippoState, body: unknown): SandboxReply {
  const parsed = parseBody(ShippoRefundInputSchema, body);
  if ('reply' in parsed) return parsed.reply;
  const t = state.transactions.get(parsed.data.transaction);
  if (!t) return invalidPk('transaction', parsed.data.transaction);
  if (REFUND_ASKED.has(t.status)) return fieldError('transaction', 'A refund has already been requested for this transaction.');
  if (t.status !== 'SUCCESS' || t.trackingNumber === null) return fieldError('transaction', 'Only successful transactions can be refunded.');
  const status = state.options.refundStatus;
  const refund: RefundRecord = { id: objectId(), createdAt: isoNow(), status, transactionId: t.id };
  state.refunds.set(refund.id, refund);
  t.status = status === 'SUCCESS' ? 'REFUNDED' : 'REFUNDPENDING';
  t.updatedAt = refund.createdAt;
  state.refundLog.push({ trackingCode: t.trackingNumber, status });
  return ok(wireRefund(refund), 201);
}

export function getRefund(state: ShippoState, id: string): SandboxReply {
  const r = state.refunds.get(id);
  return r ? ok(wireRefund(r)) : notFound();
}

export function listRefunds(state: ShippoState, url: URL): SandboxReply {
  return ok(page([...state.refunds.values()].reverse().map(wireRefund), url));
}

export function createManifest(state: ShippoState, body: unknown, origin: string): SandboxReply {
  const parsed = parseBody(ShippoManifestInputSchema, body);
  if ('reply' in parsed) return parsed.reply;
  const input = parsed.data;
  const provider = Object.entries(CARRIER_ACCOUNTS).find(([, account]) => account === input.carrier_account)?.[0];
  if (!provider) return invalidPk('carrier_account', input.carrier_account);
  const at = isoNow();
  const from = addressOf(state, input.address_from, at);
  if (!from) return invalidPk('address_from', String(input.address_from));
  // Without a list, Shippo takes every purchase of the account (on that date).
  const ids = input.transactions ?? [...state.transactions.values()].filter((t) => t.status === 'SUCCESS' && t.rate.carrier_account === input.carrier_account).map((t) => t.id);
  const errors: string[] = [];
  for (const id of ids) {
    const t = state.transactions.get(id);
    if (!t) errors.push(`Transaction ${id} does not exist.`);
    else if (t.status !== 'SUCCESS') errors.push(`Transaction ${id} is not a successful purchase (status ${t.status}).`);
    else if (t.rate.carrier_account !== input.carrier_account) errors.push(`Transaction ${id} was not bought with carrier account ${input.carrier_account}.`);
  }
  if (ids.length === 0) errors.push('There are no purchases to manifest for this carrier account and date.');
  const id = objectId();
  const numbers = ids.map((tid) => state.transactions.get(tid)?.trackingNumber ?? '');
  const failed = errors.length > 0;
  const pdf = failed ? null : buildTextPdf(`${provider} MANIFEST (SCAN FORM)`, [`Carrier account ${input.carrier_account}`, `Shipment date ${input.shipment_date.slice(0, 10)}`, `${ids.length} parcels`, ...numbers]);
  const wire = {
    object_id: id,
    object_owner: OWNER,
    object_created: at,
    object_updated: at,
    status: failed ? 'ERROR' : input.async ? 'QUEUED' : 'SUCCESS',
    carrier_account: input.carrier_account,
    shipment_date: input.shipment_date,
    address_from: from.id,
    transactions: ids,
    documents: failed || input.async ? [] : [`${origin}/files/manifests/${id}.pdf`],
    errors,
  };
  state.manifests.set(id, { wire, pdf });
  return ok(wire, 201);
}

/** A queued manifest is ready by its first read. */
export function getManifest(state: ShippoState, id: string, origin: string): SandboxReply {
  const m = state.manifests.get(id);
  if (!m) return notFound();
  if (m.wire.status === 'QUEUED') Object.assign(m.wire, { status: 'SUCCESS', object_updated: isoNow(), documents: [`${origin}/files/manifests/${id}.pdf`] });
  return ok(m.wire);
}

/** Carrier tokens the sandbox tracks (Shippo's for its carriers, and its test carrier). */
const CARRIER_TOKENS = new Set(['usps', 'ups', 'fedex', 'dhl_express', 'shippo']);

export function track(state: ShippoState, carrier: string, number: string): SandboxReply {
  if (!CARRIER_TOKENS.has(carrier)) return fieldError('carrier', `"${carrier}" is not a valid choice.`);
  if (carrier === 'shippo') return ok(testTrack(number) ?? unknownTrack(carrier, number));
  const label = state.issued.get(number);
  return ok(label && label.carrier === carrier ? labelTrack(label) : unknownTrack(carrier, number));
}
