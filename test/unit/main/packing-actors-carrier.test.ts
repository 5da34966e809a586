/**
 * The purchase actor and the carrier exception queue, on a real SQLite file and a fake clock: a refusal is raised and
 * comes back set aside, an outage is carrier_down only once it is longer than `carrier.downAfterMinutes` counted from
 * its first unanswered attempt, and the label bought at last resolves the parcel's exceptions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { CarrierGateway, ShipmentRequest } from '../../../app/carrier.ports';
import type { Shipment } from '../../../app/domain';
import { StationError } from '../../../app/domain/errors';
import { carrierRefusalOf } from '../../../app/packing/set-aside';
import type { OdooGateway, PrintSpooler } from '../../../app/ports';
import { createPackingActors } from '../../../main/actors/packing.actors';
import { SqliteCarrierExceptions } from '../../../sync/outbox/carrier-exceptions.store';
import type { FakeClock } from '../../support/fake-clock';
import { ledgerWorld, type LedgerWorld } from '../sync/outbox/ledger-world';
import { parcel, picking, shipment } from '../sync/outbox/outbox-fixtures';

const MINUTE = 60_000;
const ATTEMPT_MS = 20_000;

const unreachable = () => new StationError('TIMEOUT', 'carrier platform: no answer within 20000 ms');
const ceiling = () =>
  new StationError('REJECTED', 'rate above the ceiling', {
    detail: { carrierException: { kind: 'price_ceiling', detail: 'USPS Priority costs 7.58 USD, above 0.01', suggestedAction: 'Approve the rate' } },
  });

/** A carrier desk that answers each purchase as the test scripts it; an attempt takes ATTEMPT_MS of the fake clock. */
class ScriptedDesk implements CarrierGateway {
  readonly requests: ShipmentRequest[] = [];
  next: (() => Shipment | StationError)[] = [];
  constructor(private readonly clock: FakeClock) {}
  async buyLabel(request: ShipmentRequest): Promise<Shipment> {
    this.requests.push(request);
    this.clock.advance(ATTEMPT_MS);
    const answer = this.next.shift()?.();
    if (answer === undefined) throw new Error('the test did not script this purchase');
    if (answer instanceof StationError) throw answer;
    return answer;
  }
}

describe('buyLabel actor and the carrier exception queue', () => {
  let world: LedgerWorld;
  let clock: FakeClock;
  let desk: ScriptedDesk;
  let queue: SqliteCarrierExceptions;
  let buy: () => Promise<unknown>;

  beforeEach(() => {
    world = ledgerWorld();
    clock = world.clock;
    world.cache.cachePicking(picking(12));
    world.ledger.recordParcelPacked(parcel(12, 1));
    queue = new SqliteCarrierExceptions(world.db, clock);
    desk = new ScriptedDesk(clock);
    const actors = createPackingActors({
      // Neither Odoo nor the printer takes part in a purchase.
      odoo: {} as OdooGateway,
      carrier: desk,
      ledger: world.ledger,
      cache: world.cache,
      exceptions: queue,
      clock,
      config: {
        carrier: { kind: 'easypost', baseUrl: 'http://127.0.0.1:9/v2', apiKey: 'k', services: [], policies: {}, verifyAddresses: true, downAfterMinutes: 5, timeoutMs: ATTEMPT_MS },
      },
      printing: { spooler: {} as PrintSpooler, dpi: () => 203, fitLabel: (label) => label },
    });
    /** One purchase attempt for parcel 1 of WH/OUT/00012: the shipment, or what it was rejected with. */
    buy = () => toPromise(createActor(actors.buyLabel, { input: { picking: picking(12), parcel: parcel(12, 1) } }).start()).catch((error: unknown) => error);
  });
  afterEach(() => world.close());

  it('a refusal is raised for the parcel and thrown on with its exception id; raised again it keeps the id', async () => {
    desk.next = [ceiling, ceiling];
    const first = await buy();
    const [open] = queue.open();
    expect(open).toMatchObject({ kind: 'price_ceiling', pickingId: 12, pickingName: 'WH/OUT/00012', parcelIndex: 1, detail: 'USPS Priority costs 7.58 USD, above 0.01' });
    expect(first).toBeInstanceOf(StationError);
    expect(first).toMatchObject({ code: 'REJECTED', message: 'rate above the ceiling' });
    expect(carrierRefusalOf(first)).toEqual({ carrierException: expect.objectContaining({ kind: 'price_ceiling' }), exceptionId: open!.id });
    await buy();
    expect(queue.open().map((e) => e.id)).toEqual([open!.id]);
  });

  it('the label bought at last is recorded and resolves the parcel’s open exceptions, by the station', async () => {
    desk.next = [ceiling, () => shipment()];
    await buy();
    const [open] = queue.open();
    expect(await buy()).toEqual(shipment());
    expect(queue.open()).toEqual([]);
    expect(queue.get(open!.id)).toMatchObject({ state: 'resolved', resolvedBy: 'station', resolution: 'label bought' });
    expect(world.ledger.shipmentFor('WH/OUT/00012#1')?.shipment).toEqual(shipment());
  });

  it('an outage is carrier_down once longer than downAfterMinutes, counted from the start of its first unanswered attempt', async () => {
    desk.next = [unreachable, unreachable, unreachable];
    const started = clock.now();
    expect(carrierRefusalOf(await buy())).toBeNull();
    // The second attempt starts 4:30 after the first began and fails 4:50 after: not yet 5 minutes.
    clock.advance(4.5 * MINUTE - ATTEMPT_MS);
    const second = await buy();
    expect(second).toMatchObject({ code: 'TIMEOUT' });
    expect(carrierRefusalOf(second)).toBeNull();
    expect(queue.open()).toEqual([]);
    // The third fails 5:20 after the first attempt began — only 5:00 after the first failure, which would not count yet.
    clock.advance(0.5 * MINUTE - ATTEMPT_MS);
    const third = await buy();
    expect(clock.now() - started).toBe(5 * MINUTE + ATTEMPT_MS);
    expect(third).toMatchObject({ code: 'TIMEOUT' });
    const refusal = carrierRefusalOf(third);
    expect(refusal?.carrierException).toEqual({
      kind: 'carrier_down',
      detail: 'the carrier platform has not answered for 5 min (timeout)',
      suggestedAction: 'Keep it aside until the platform answers again, then scan WH/OUT/00012 to buy its label',
    });
    expect(queue.open()).toMatchObject([{ id: refusal!.exceptionId, kind: 'carrier_down', pickingName: 'WH/OUT/00012', parcelIndex: 1 }]);
  });

  it('a label bought ends the outage: the next one is counted from its own first attempt', async () => {
    desk.next = [unreachable, () => shipment(), unreachable];
    await buy();
    clock.advance(4 * MINUTE);
    await buy();
    // Another parcel's purchase 3 minutes later, 7 after the first failure: a new outage, not carrier_down.
    world.db.prepare(`DELETE FROM shipments`).run();
    clock.advance(3 * MINUTE);
    expect(carrierRefusalOf(await buy())).toBeNull();
    expect(queue.open()).toEqual([]);
  });

  it.each([
    ['a refusal', ceiling],
    ['a server error', () => new StationError('SERVER', 'carrier platform answered 500')],
  ])('%s is an answer: it ends the outage', async (_, answer) => {
    desk.next = [unreachable, answer, unreachable];
    await buy();
    clock.advance(4 * MINUTE);
    await buy();
    clock.advance(3 * MINUTE);
    const after = await buy();
    expect(carrierRefusalOf(after)).toBeNull();
    expect(queue.open().filter((e) => e.kind === 'carrier_down')).toEqual([]);
  });

  it('a server error is thrown on as it was, and raises nothing', async () => {
    const error = new StationError('SERVER', 'carrier platform answered 500');
    desk.next = [() => error];
    expect(await buy()).toBe(error);
    expect(queue.openCount()).toBe(0);
  });

  it('while the platform stays down, every later purchase is carrier_down at once, and the label bought resolves it', async () => {
    desk.next = [unreachable, unreachable, unreachable, () => shipment()];
    await buy();
    clock.advance(6 * MINUTE);
    const down = carrierRefusalOf(await buy());
    expect(down?.carrierException.kind).toBe('carrier_down');
    expect(carrierRefusalOf(await buy())?.exceptionId).toBe(down!.exceptionId);
    await buy();
    expect(queue.get(down!.exceptionId!)).toMatchObject({ state: 'resolved', resolution: 'label bought' });
  });
});
