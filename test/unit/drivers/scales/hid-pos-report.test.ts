/**
 * USB HID POS scale reports. Layout and code tables: USB-IF "HID Point of Sale Usage Tables" v1.02 §4 (weighing
 * devices, page 0x8D; studylib.net/doc/25342725 and docslib.org/doc/11279161): Scale Status 1 fault, 2 stable at
 * center of zero, 3 in motion, 4 weight stable, 5 under zero, 6 over weight limit, 7 requires calibration,
 * 8 requires re-zeroing; Weight Unit 1 mg, 2 g, 3 kg, 4 carats, 5 taels, 6 grains, 7 pennyweights, 8 metric tons,
 * 9 avoir tons, 10 troy ounces, 11 ounces, 12 pounds. Captured reports:
 * - Mettler Toledo PS60, "actual output recorded" in github.com/allenp/hw_scale controllers/scale/tests/mocks/usb_lib.py;
 * - Dymo M10 (0922:8003), steventsnyder.com "Reading a Dymo USB scale using Python": `[3, 2, 11, 255, 0, 0]`;
 * - Dymo M10/M25 byte layout and the 20 g / 645.2 oz examples: antradar.com "Dymo USB Scale Interface Specs";
 * - Stamps.com 5 lb scale (2474:0550): github.com/dustyjewett/webscale reads ounces as int16 LE at offset 4 / 10.
 */
import { describe, expect, it } from 'vitest';
import { parseHidScaleReport } from '../../../../drivers/scales/hid-pos-report';
import type { FrameError } from '../../../../drivers/scales/scale-protocol';

const report = (...values: number[]): Buffer => Buffer.from(values);
const LB = 453.59237;
const OZ = 28.349523125;

describe('HID POS scale report', () => {
  it.each([
    ['PS60 0 lb (stable at zero)', [3, 2, 12, 254, 0, 0], { grams: 0, stable: true, resolutionG: 4.535924 }],
    ['PS60 5.10 lb', [3, 4, 12, 254, 254, 1], { grams: Math.round(5.1 * LB * 1000) / 1000, stable: true, resolutionG: 4.535924 }],
    ['PS60 0 kg', [3, 2, 3, 254, 0, 0], { grams: 0, stable: true, resolutionG: 10 }],
    ['PS60 1.94 kg', [3, 4, 3, 254, 194, 0], { grams: 1940, stable: true, resolutionG: 10 }],
    ['Dymo M10 empty, ounces', [3, 2, 11, 255, 0, 0], { grams: 0, stable: true, resolutionG: 2.834952 }],
    ['Dymo 20 g', [3, 4, 2, 0, 0x14, 0], { grams: 20, stable: true, resolutionG: 1 }],
    ['Dymo 40 lb 5.2 oz = 645.2 oz', [3, 4, 11, 0xff, 0x34, 0x19], { grams: Math.round(645.2 * OZ * 1000) / 1000, stable: true, resolutionG: 2.834952 }],
    ['Stamps.com 12.3 oz in motion', [3, 3, 11, 0xff, 123, 0], { grams: Math.round(12.3 * OZ * 1000) / 1000, stable: false, resolutionG: 2.834952 }],
    ['milligrams, positive exponent', [3, 4, 1, 2, 5, 0], { grams: 0.5, stable: true, resolutionG: 0.1 }],
  ])('%s', (_name, values, want) => {
    expect(parseHidScaleReport(report(...values))).toEqual({ kind: 'weight', ...want });
  });

  it.each([
    ['under zero', 5, { underZero: true }],
    ['over weight limit', 6, { overCapacity: true }],
    ['fault', 1, { fault: 'scale fault' }],
    ['requires calibration', 7, { fault: 'scale requires calibration' }],
    ['requires re-zeroing', 8, { fault: 'scale requires re-zeroing' }],
  ])('status %s is a condition, not a weight', (_name, status, flags) => {
    expect(parseHidScaleReport(report(3, status, 11, 255, 10, 0))).toEqual({
      kind: 'status',
      motion: false,
      overCapacity: false,
      underZero: false,
      raw: status,
      ...flags,
    });
  });

  it('ignores other reports (the PS60 interleaves a 2-byte report 4) and refuses malformed ones', () => {
    expect(parseHidScaleReport(report(4, 4))).toMatchObject({ kind: 'reply', status: '4' });
    expect((parseHidScaleReport(report()) as FrameError).code).toBe('MALFORMED');
    expect((parseHidScaleReport(report(3, 4, 11, 255)) as FrameError).code).toBe('MALFORMED');
    expect((parseHidScaleReport(report(3, 0, 11, 255, 0, 0)) as FrameError).code).toBe('MALFORMED');
    expect((parseHidScaleReport(report(3, 9, 11, 255, 0, 0)) as FrameError).code).toBe('MALFORMED');
    expect((parseHidScaleReport(report(3, 4, 5, 255, 1, 0)) as FrameError).code).toBe('UNIT');
    expect((parseHidScaleReport(report(3, 4, 0, 255, 1, 0)) as FrameError).code).toBe('UNIT');
  });
});
