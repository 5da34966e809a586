/**
 * The station's carrier desk: the `CarrierGateway` the packing flow uses, over whichever `CarrierPlatform` is
 * configured. Before the first purchase of a picking it checks the request and has the platform verify the
 * destination; it chooses the rate by the station's policy; and it buys in two phases (the shipment id is handed to
 * `onShipmentCreated` before the purchase, and a resumed purchase reads the shipment back and adopts its postage), so
 * a parcel is never bought twice. A parcel it will not buy as asked is refused with the problem for the exception queue.
 */
import { suggest } from '../../app/carrier/carrier-actions';
import { checkShipment } from '../../app/carrier/shipment-checks';
import { chooseRate, describePolicy, policyFor } from '../../app/carrier/rate-policy';
import type { CarrierProblem } from '../../app/domain/carrier.schema';
import { StationError } from '../../app/domain/errors';
import type { RatePolicy } from '../../app/domain/rate-policy.schema';
import type { Shipment } from '../../app/domain/shipment.schema';
import type { CarrierGateway, CarrierPlatform, Clock, Quote, ShipmentRequest } from '../../app/ports';

export interface ShippingDeskOptions {
  platform: CarrierPlatform;
  policies: { policy?: RatePolicy | undefined; policies: Readonly<Record<string, RatePolicy>>; services: readonly string[] };
  verifyAddresses: boolean;
  clock: Pick<Clock, 'now'>;
}

/** A refusal the packing flow turns into a carrier exception (see `CarrierGateway.buyLabel`). */
export const refusal = (problem: CarrierProblem): StationError =>
  new StationError('REJECTED', `${problem.detail}. ${problem.suggestedAction}.`, { detail: { carrierException: problem } });

/** Pickings whose destination the platform accepted (or corrected), remembered for this many entries. */
const VERIFIED_KEEP = 500;

const pickingOf = (reference: string): string => reference.replace(/#R?\d+$/, '');
const isoDate = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export class ShippingDesk implements CarrierGateway {
  onShipmentCreated?: (reference: string, shipmentId: string) => void;

  private readonly verified = new Map<string, string>();

  constructor(private readonly opts: ShippingDeskOptions) {}

  async buyLabel(request: ShipmentRequest, existingShipmentId?: string): Promise<Shipment> {
    const { platform } = this.opts;
    if (existingShipmentId) {
      const state = await platform.readBack(existingShipmentId, request);
      if ('bought' in state) return this.adopted(state.bought, request);
      return this.buyFrom(state.open, request);
    }
    const problem = checkShipment(request);
    if (problem) throw refusal(problem);
    await this.verify(request);
    const quote = await platform.quote(request);
    // Before buying: if the purchase's reply is lost, the caller resumes with this id instead of paying again.
    this.onShipmentCreated?.(request.reference, quote.shipmentId);
    return this.buyFrom(quote, request);
  }

  private async verify(request: ShipmentRequest): Promise<void> {
    if (!this.opts.verifyAddresses) return;
    const key = pickingOf(request.reference);
    const fingerprint = JSON.stringify(request.to);
    if (this.verified.get(key) === fingerprint) return;
    const verdict = await this.opts.platform.verifyAddress(request.to);
    if (!verdict.ok) {
      throw refusal({
        kind: 'address_invalid',
        detail: `The carrier platform cannot deliver to this address: ${verdict.problems.join('; ')}`,
        suggestedAction: suggest('correctAddress'),
      });
    }
    if (this.verified.size >= VERIFIED_KEEP) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(key, fingerprint);
  }

  /** The request's own preferred services stand in for the station's when it names some. */
  private policy(request: ShipmentRequest): RatePolicy {
    const services = request.services.length > 0 ? request.services : this.opts.policies.services;
    return policyFor({ ...this.opts.policies, services }, request.odooCarrier);
  }

  private async buyFrom(quote: Quote, request: ShipmentRequest): Promise<Shipment> {
    const policy = this.policy(request);
    const decision = chooseRate(quote.rates, policy, {
      today: isoDate(this.opts.clock.now()),
      deadline: request.deadline ?? null,
      weightG: request.parcel.weightG,
      messages: quote.messages,
    });
    if (!decision.ok) throw refusal(decision.problem);
    const shipment = await this.opts.platform.buy(quote.shipmentId, decision.rate.id, request);
    return { ...shipment, choice: decision.choice };
  }

  /** A shipment bought by an attempt whose reply was lost: its postage is ours; why its rate won is not known now. */
  private adopted(shipment: Shipment, request: ShipmentRequest): Shipment {
    if (shipment.choice) return shipment;
    const policy = describePolicy(this.policy(request));
    return { ...shipment, choice: { policy, reason: 'bought by an interrupted attempt, adopted', offered: 0, allowed: 0 } };
  }
}
