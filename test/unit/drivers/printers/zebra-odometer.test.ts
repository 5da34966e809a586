import { describe, expect, it } from 'vitest';
import {
  collectHqod,
  collectSgdValue,
  formatHqod,
  parseHqod,
  parseLabelCount,
  sgdGetvar,
} from '../../../../drivers/printers/zebra-odometer';

describe('SGD odometer.total_label_count', () => {
  it('asks with the SGD syntax, CR LF terminated', () => {
    expect(sgdGetvar('odometer.total_label_count')).toBe('! U1 getvar "odometer.total_label_count"\r\n');
  });

  it('reads the quoted number once the closing quote arrived', () => {
    expect(collectSgdValue('"12')).toBeNull();
    expect(collectSgdValue('"1234"')).toBe('1234');
    expect(collectSgdValue('\r\n"1234"\r\n')).toBe('1234');
    expect(parseLabelCount('1234')).toBe(1234);
  });

  it('an unknown variable ("?") or a non-number is no count', () => {
    expect(parseLabelCount('?')).toBeNull();
    expect(parseLabelCount('')).toBeNull();
    expect(parseLabelCount('12 LABELS')).toBeNull();
  });
});

describe('~HQOD print meters', () => {
  it('parses the guide’s example (inches, then centimetres after ^MA,,,,C)', () => {
    // Zebra Programming Guide P1012728-011, ~HQ example 7 (whitespace as the printer pads it).
    expect(parseHqod('PRINT METERS\r\nTOTAL NONRESETTABLE: 8560 "\r\nUSER RESETTABLE CNTR1: 9 "\r\nUSER RESETTABLE CNTR2: 8560 "')).toEqual({
      totalNonResettable: { value: 8560, unit: 'in' },
      userResettable1: { value: 9, unit: 'in' },
      userResettable2: { value: 8560, unit: 'in' },
    });
    expect(parseHqod('PRINT METERS TOTAL NONRESETTABLE: 21744 cm USER RESETTABLE CNTR1: 24 cm')).toMatchObject({
      totalNonResettable: { value: 21744, unit: 'cm' },
      userResettable1: { value: 24, unit: 'cm' },
      userResettable2: null,
    });
  });

  it('parses a real framed capture (TVS LP 46, two counters)', () => {
    const raw = '\x02\r\n\r\n  PRINT METERS                          \r\n   TOTAL NONRESETTABLE:          154 "  \r\n   USER RESETTABLE CNTR1:        154 "  \x03';
    expect(collectHqod(raw.slice(0, -1))).toBeNull();
    expect(collectHqod(raw)).toEqual({
      totalNonResettable: { value: 154, unit: 'in' },
      userResettable1: { value: 154, unit: 'in' },
      userResettable2: null,
    });
  });

  it('round-trips the simulator’s reply; garbage is a frame error', () => {
    expect(collectHqod(formatHqod(18))).toMatchObject({ totalNonResettable: { value: 18, unit: 'in' } });
    expect(parseHqod('\x02nothing\x03')).toMatchObject({ kind: 'frame-error' });
  });
});
