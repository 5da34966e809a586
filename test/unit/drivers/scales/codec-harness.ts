import { expect } from 'vitest';
import type { FrameError, ScaleCodec, ScaleFrame } from '../../../../drivers/scales/scale-protocol';

/** Feeds chunks through a fresh splitter of the codec and parses every frame. */
export function parseAll(codec: ScaleCodec, chunks: Buffer[]): (ScaleFrame | FrameError)[] {
  const splitter = codec.frames();
  return chunks.flatMap((chunk) => splitter.push(chunk)).map((frame) => codec.parse(frame));
}

/** Only the frames that are not errors (noise yields MALFORMED errors, which a driver logs and ignores). */
export const valid = (frames: (ScaleFrame | FrameError)[]): ScaleFrame[] => frames.filter((f): f is ScaleFrame => f.kind !== 'error');

/**
 * The stream gives the same frames whether it arrives whole, cut in two at every byte, or byte by byte: the
 * transport never decides what a frame is.
 */
export function expectChunkingInvariant(codec: ScaleCodec, stream: Buffer): (ScaleFrame | FrameError)[] {
  const whole = parseAll(codec, [stream]);
  expectSameAtEveryCut(codec, stream, whole);
  expectSameByteByByte(codec, stream, whole);
  return whole;
}

/** The stream cut in two at every byte parses to `whole`. */
export function expectSameAtEveryCut(codec: ScaleCodec, stream: Buffer, whole: (ScaleFrame | FrameError)[]): void {
  for (let cut = 0; cut <= stream.length; cut++) {
    expect(parseAll(codec, [stream.subarray(0, cut), stream.subarray(cut)]), `cut at ${cut}`).toEqual(whole);
  }
}

/** The stream fed one byte at a time parses to `whole`. */
export function expectSameByteByByte(codec: ScaleCodec, stream: Buffer, whole: (ScaleFrame | FrameError)[]): void {
  expect(parseAll(codec, [...stream].map((b) => Buffer.from([b])))).toEqual(whole);
}

export const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
