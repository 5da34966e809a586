import { describe, expect, it } from 'vitest';
import { StabilitySchema } from '../../../../app/domain';
import { WeightPipeline, type WeightPipelineConfig } from '../../../../app/weighing/weight-pipeline';

const config = (over: Partial<WeightPipelineConfig> = {}): WeightPipelineConfig => ({
  protocol: 'mt-sics',
  stability: StabilitySchema.parse({}),
  zeroBandG: 5,
  ...over,
});

/** A scale polled every 200 ms of fake time. */
function scale(pipeline: WeightPipeline) {
  let at = 0;
  return (grams: number, stable = true) => {
    at += 200;
    return pipeline.push({ grams, stable, at });
  };
}

describe('WeightPipeline', () => {
  it('offers a settled weight only while the machine waits, and the weight already on the scale when it starts', () => {
    const pipeline = new WeightPipeline(config());
    const read = scale(pipeline);
    expect(read(900)).toBeNull();
    expect(pipeline.setWaiting(true)).toBe(900);
    expect(read(900)).toBeNull();
    expect(read(950)).toBe(950);
    pipeline.setWaiting(false);
    expect(read(1200)).toBeNull();
  });

  it('unstable readings never become a parcel weight', () => {
    const pipeline = new WeightPipeline(config());
    const read = scale(pipeline);
    pipeline.setWaiting(true);
    expect([read(300, false), read(850, false), read(905, false)]).toEqual([null, null, null]);
    expect(read(905)).toBe(905);
  });

  it('the same weight for two parcels in a row: accepted again only after a return to zero', () => {
    const pipeline = new WeightPipeline(config());
    const read = scale(pipeline);
    pipeline.setWaiting(true);
    expect(read(1500)).toBe(1500);
    pipeline.accepted();
    pipeline.setWaiting(false);
    // Next parcel: the old box is still on.
    expect(pipeline.setWaiting(true)).toBeNull();
    expect(read(1500)).toBeNull();
    expect(pipeline.armed).toBe(false);
    expect(read(0)).toBeNull();
    expect(pipeline.armed).toBe(true);
    expect(read(1500)).toBe(1500);
  });

  it('re-arms on zero seen while nobody waits (box lifted between parcels)', () => {
    const pipeline = new WeightPipeline(config());
    const read = scale(pipeline);
    pipeline.setWaiting(true);
    expect(read(640)).toBe(640);
    pipeline.accepted();
    pipeline.setWaiting(false);
    read(0);
    read(640);
    expect(pipeline.setWaiting(true)).toBe(640);
  });

  it('never offers zero or negative weights', () => {
    const pipeline = new WeightPipeline(config());
    const read = scale(pipeline);
    pipeline.setWaiting(true);
    expect([read(0), read(3), read(-250), read(-1)]).toEqual([null, null, null, null]);
  });

  it('after a reset (scale silent or unplugged) only fresh readings settle; the box left on stays refused', () => {
    const pipeline = new WeightPipeline(config({ protocol: 'adam' }));
    expect(pipeline.mode).toBe('window');
    const read = scale(pipeline);
    pipeline.setWaiting(true);
    expect([read(700), read(700), read(700), read(700)]).toEqual([null, null, null, 700]);
    pipeline.reset();
    expect(pipeline.setWaiting(true)).toBeNull();
    // Same placement after the scale came back: offered again once it settles anew.
    expect([read(700), read(700), read(700), read(700)]).toEqual([null, null, null, 700]);
    pipeline.accepted();
    pipeline.reset();
    expect([read(700), read(700), read(700), read(700)]).toEqual([null, null, null, null]);
  });

  it('a reset while waiting forgets the weight seen before it', () => {
    const pipeline = new WeightPipeline(config());
    const read = scale(pipeline);
    read(880);
    pipeline.reset();
    expect(pipeline.setWaiting(true)).toBeNull();
    expect(read(880)).toBe(880);
  });
});
