/**
 * Scale → WeightPipeline → packing machine. The pipeline decides which grams are a parcel weight; this file only
 * tells it what the machine and the scale are doing, and forwards its answers as `WEIGHT.STABLE`.
 */
import type { Actor } from 'xstate';
import type { ScaleConfig } from '../../app/domain';
import type { Scale, Unsubscribe } from '../../app/ports';
import type { packingMachine } from '../../app/packing/packing.machine';
import { WeightPipeline } from '../../app/weighing/weight-pipeline';

export interface WeighingWiring {
  readonly pipeline: WeightPipeline;
  /** Detaches from the scale and the actor. */
  stop: Unsubscribe;
}

type PackingActor = Actor<typeof packingMachine>;

const needsWeight = (snapshot: ReturnType<PackingActor['getSnapshot']>): boolean =>
  snapshot.matches('weighing') || snapshot.matches('weightRejected');

/**
 * Subscribe before the actor and the scale start, so neither the first snapshot nor the first reading is missed.
 * Device health reaches the machine elsewhere (every device alike); here it only resets the pipeline.
 */
export function wireWeighing(actor: PackingActor, scale: Scale, config: ScaleConfig): WeighingWiring {
  const pipeline = new WeightPipeline(config, scale.reportsStability === undefined ? {} : { reportsStability: scale.reportsStability });
  const offer = (grams: number | null): void => {
    if (grams !== null) actor.send({ type: 'WEIGHT.STABLE', grams });
  };

  let parcelBefore = actor.getSnapshot().context.parcel;
  let pickingBefore = actor.getSnapshot().context.picking;
  const sub = actor.subscribe((snapshot) => {
    // `parcel` is set exactly when a weight was accepted; watching it rather than the next state name survives
    // effects that finish before this observer runs.
    const { parcel, picking, parcelIndex } = snapshot.context;
    if (parcel !== null && parcel !== parcelBefore) pipeline.accepted();
    // A picking resumed past its first parcel (after a restart, say): the last parcel's box may still be on the
    // scale, and this process never saw it weighed. Its weight must not become the next parcel's: zero first.
    if (picking !== null && picking !== pickingBefore && parcelIndex > 1) pipeline.accepted();
    parcelBefore = parcel;
    pickingBefore = picking;
    offer(pipeline.setWaiting(needsWeight(snapshot)));
  });

  const offReading = scale.onReading((reading) => {
    actor.send({ type: 'WEIGHT.READING', reading });
    offer(pipeline.push(reading));
  });

  const offHealth = scale.onHealth((health) => {
    if (health.state !== 'connected') pipeline.reset();
  });

  return {
    pipeline,
    stop: () => {
      sub.unsubscribe();
      offReading();
      offHealth();
    },
  };
}
