/**
 * The selling half of the Shippo sandbox: addresses (with validation), shipments with their rates, and
 * transactions (label purchases). Like Shippo, the sandbox sells a label for every purchase asked for — a second
 * purchase on a bought shipment is a second charge, which `purchases()` shows — so a client must not ask twice.
 */
import { validateAddress } from './shippo-addresses.sim';
import { buildTextPdf } from '../carrier-pdf.sim';
import { labelZpl } from './shippo-files.sim';
import {
  MASS_UNITS,
  parseBody,
  ShippoAddressInputSchema,
  ShippoShipmentInputSchema,
  ShippoTransactionInputSchema,
  type ShippoAddressInput,
} from './shippo-input.sim';
import { rateParcel, trackingNumberFor } from './shippo-rates.sim';
import type { AddressRecord, ShipmentRecord, ShippoState, TransactionRecord } from './shippo-state.sim';
import { coreRate, invalidPk, isoNow, notFound, objectId, ok, OWNER, page, wireAddress, type SandboxReply } from './shippo-wire.sim';

export function createAddress(state: ShippoState, body: unknown): SandboxReply {
  const parsed = parseBody(ShippoAddressInputSchema, body);
  if ('reply' in parsed) return parsed.reply;
  const id = objectId();
  const at = isoNow();
  const checked = parsed.data.validate ? validateAddress(parsed.data) : null;
  const input = checked?.cleaned ?? parsed.data;
  const record: AddressRecord = { id, input, wire: wireAddress(id, input, at, checked?.results ?? null) };
  state.addresses.set(id, record);
  return ok(record.wire, 201);
}

export function addressOf(state: ShippoState, ref: string | ShippoAddressInput, at: string): AddressRecord | null {
  if (typeof ref === 'string') return state.addresses.get(ref) ?? null;
  const id = objectId();
  const record: AddressRecord = { id, input: ref, wire: wireAddress(id, ref, at) };
  state.addresses.set(id, record);
  return record;
}

export function createShipment(state: ShippoState, body: unknown): SandboxReply {
  const parsed = parseBody(ShippoShipmentInputSchema, body);
  if ('reply' in parsed) return parsed.reply;
  const input = parsed.data;
  const at = isoNow();
  const from = addressOf(state, input.address_from, at);
  if (!from) return invalidPk('address_from', String(input.address_from));
  const to = addressOf(state, input.address_to, at);
  if (!to) return invalidPk('address_to', String(input.address_to));
  const id = objectId();
  const weightG = input.parcels.reduce((sum, p) => sum + Number(p.weight) * MASS_UNITS[p.mass_unit], 0);
  const parcels = input.parcels.map((p) => ({
    object_id: objectId(),
    object_owner: OWNER,
    object_created: at,
    object_updated: at,
    object_state: 'VALID',
    length: String(p.length),
    width: String(p.width),
    height: String(p.height),
    distance_unit: p.distance_unit,
    weight: String(p.weight),
    mass_unit: p.mass_unit,
    template: null,
    metadata: '',
    extra: {},
    test: true,
  }));
  const rated = rateParcel(id, weightG, at);
  const record: ShipmentRecord = {
    id,
    createdAt: at,
    from,
    to,
    parcels,
    weightG,
    isReturn: input.extra?.is_return === true,
    metadata: input.metadata ?? '',
    extra: input.extra ?? {},
    rates: rated.rates,
    messages: rated.messages,
  };
  state.shipments.set(id, record);
  for (const r of record.rates) state.rates.set(r.object_id, r);
  return ok(wireShipment(record), 201);
}

export function getShipment(state: ShippoState, id: string): SandboxReply {
  const r = state.shipments.get(id);
  return r ? ok(wireShipment(r)) : notFound();
}

export function getRate(state: ShippoState, id: string): SandboxReply {
  const r = state.rates.get(id);
  return r ? ok(r) : notFound();
}

function wireShipment(r: ShipmentRecord): Record<string, unknown> {
  return {
    object_id: r.id,
    object_owner: OWNER,
    object_created: r.createdAt,
    object_updated: r.createdAt,
    status: 'SUCCESS',
    shipment_date: r.createdAt,
    address_from: r.from.wire,
    address_to: r.to.wire,
    address_return: r.from.wire,
    parcels: r.parcels,
    extra: r.extra,
    customs_declaration: null,
    carrier_accounts: [],
    metadata: r.metadata,
    messages: r.messages,
    rates: r.rates,
    test: true,
  };
}

const labelAddress = (a: ShippoAddressInput) => ({ ...a, name: a.name ?? '', street1: a.street1 ?? '', city: a.city ?? '', zip: a.zip ?? '' });
const place = (a: ShippoAddressInput) => ({ city: a.city ?? '', state: a.state ?? '', zip: a.zip ?? '', country: a.country });

export function createTransaction(state: ShippoState, body: unknown, origin: string): SandboxReply {
  const parsed = parseBody(ShippoTransactionInputSchema, body);
  if ('reply' in parsed) return parsed.reply;
  const input = parsed.data;
  const rate = state.rates.get(input.rate);
  const shipment = rate ? state.shipments.get(rate.shipment) : undefined;
  if (!rate || !shipment) return invalidPk('rate', input.rate);
  const at = isoNow();
  const t: TransactionRecord = {
    id: objectId(),
    createdAt: at,
    updatedAt: at,
    status: 'ERROR',
    rate,
    shipmentId: shipment.id,
    parcelId: String(shipment.parcels[0]?.object_id ?? ''),
    trackingNumber: null,
    // Without one, Shippo uses the account's default from the dashboard.
    labelFileType: input.label_file_type ?? 'PDF_4x6',
    metadata: input.metadata ?? '',
    messages: [],
    readsUntilReady: 0,
    file: null,
  };
  state.transactions.set(t.id, t);
  if (state.carrierTimeouts > 0) {
    state.carrierTimeouts--;
    // Verbatim shape of the docs' transaction example: the carrier's failure inside a 201.
    t.messages = [{ source: rate.provider, code: 'carrier_timeout', text: `${rate.provider} API did not respond. Please try again in a few minutes.` }];
    return ok(wireTransaction(t, origin), 201);
  }
  const trackingNumber = trackingNumberFor(rate.provider);
  // A return label goes from the customer back to the warehouse: Shippo swaps the addresses.
  const [from, to] = shipment.isReturn ? [shipment.to.input, shipment.from.input] : [shipment.from.input, shipment.to.input];
  const zpl = labelZpl({
    provider: rate.provider,
    servicelevelName: rate.servicelevel.name,
    trackingNumber,
    from: labelAddress(from),
    to: labelAddress(to),
    weightG: shipment.weightG,
    reference: typeof shipment.extra.reference_1 === 'string' ? shipment.extra.reference_1 : null,
    shipmentId: shipment.id,
  });
  const zplType = t.labelFileType === 'ZPLII';
  t.file = zplType ? { kind: 'zpl', bytes: Buffer.from(zpl, 'utf8') } : { kind: 'pdf', bytes: buildTextPdf(`${rate.provider} ${rate.servicelevel.name}`, [`Tracking ${trackingNumber}`, 'SANDBOX LABEL']) };
  t.trackingNumber = trackingNumber;
  const queued = input.async === true || state.options.queuedLabels;
  t.status = queued ? 'QUEUED' : 'SUCCESS';
  t.readsUntilReady = queued ? 1 : 0;
  state.bought.push({ shipmentId: shipment.id, trackingCode: trackingNumber });
  state.issued.set(trackingNumber, {
    carrier: rate.provider.toLowerCase(),
    trackingNumber,
    transactionId: t.id,
    from: place(from),
    to: place(to),
    servicelevel: { token: rate.servicelevel.token, name: rate.servicelevel.name },
    boughtAt: Date.now(),
    etaDays: rate.estimated_days,
  });
  return ok(wireTransaction(t, origin), 201);
}

export function getTransaction(state: ShippoState, id: string, origin: string): SandboxReply {
  const t = state.transactions.get(id);
  if (!t) return notFound();
  if (t.status === 'QUEUED' && --t.readsUntilReady <= 0) {
    t.status = 'SUCCESS';
    t.updatedAt = isoNow();
  }
  return ok(wireTransaction(t, origin));
}

/** `GET /transactions?rate=&object_status=&page=&results=`, newest first (by `object_created`, an ISO string, then the latest made). */
export function listTransactions(state: ShippoState, url: URL, origin: string): SandboxReply {
  const rate = url.searchParams.get('rate');
  const status = url.searchParams.get('object_status');
  const matching = [...state.transactions.values()]
    .filter((t) => (rate === null || t.rate.object_id === rate) && (status === null || t.status === status))
    .reverse()
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return ok(page(matching, url, (t) => wireTransaction(t, origin)));
}

const TRACKING_PAGES: Readonly<Record<string, string>> = {
  USPS: 'https://tools.usps.com/go/TrackConfirmAction_input?origTrackNum=',
  UPS: 'https://www.ups.com/track?tracknum=',
};

export function wireTransaction(t: TransactionRecord, origin: string): Record<string, unknown> {
  const done = t.file !== null && t.status !== 'QUEUED' && t.status !== 'WAITING';
  const ext = t.file?.kind ?? 'pdf';
  return {
    object_id: t.id,
    object_owner: OWNER,
    object_created: t.createdAt,
    object_updated: t.updatedAt,
    object_state: 'VALID',
    status: t.status,
    rate: coreRate(t.rate),
    tracking_number: done ? t.trackingNumber : '',
    tracking_status: done ? (t.trackingStatus ?? 'PRE_TRANSIT') : 'UNKNOWN',
    eta: null,
    tracking_url_provider: done ? `${TRACKING_PAGES[t.rate.provider] ?? ''}${t.trackingNumber}` : '',
    label_url: done ? `${origin}/files/labels/${t.id}.${ext}` : '',
    label_file_type: t.labelFileType,
    commercial_invoice_url: null,
    qr_code_url: null,
    messages: t.messages,
    metadata: t.metadata,
    parcel: t.parcelId,
    created_by: { first_name: 'Station', last_name: 'Sandbox', username: OWNER },
    test: true,
  };
}
