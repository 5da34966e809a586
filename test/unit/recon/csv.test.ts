/** The report CSV reader: RFC 4180 quoting, rows checked by zod, and every malformed file refused whole. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StationError } from '../../../app/domain/errors';
import { Cell, csvRows, parseCsv, timeMs } from '../../../sync/recon/csv';

const refusal = (fn: () => unknown): StationError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StationError);
    return e as StationError;
  }
  throw new Error('expected a refusal');
};

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a BOM and a missing last line break', () => {
    const text = '\uFEFFid,options,note\r\n1,"{""a"":1,""b"":2}","two\r\nlines"\r\n2,,plain\n3,"",x';
    expect(parseCsv(text, 'f')).toEqual([
      ['id', 'options', 'note'],
      ['1', '{"a":1,"b":2}', 'two\r\nlines'],
      ['2', '', 'plain'],
      ['3', '', 'x'],
    ]);
  });

  it('refuses an unterminated quote, a quote inside a bare field and text after a closing quote, naming the line', () => {
    expect(refusal(() => parseCsv('a,b\r\n1,"open\r\n', 'report r1')).message).toBe('report r1: not valid CSV at line 3 (a quoted field is never closed)');
    expect(refusal(() => parseCsv('a,b\r\n1,x"y\r\n', 'f')).message).toMatch(/line 2 \(a quote inside an unquoted field\)/);
    expect(refusal(() => parseCsv('a,b\r\n1,"x"y\r\n', 'f')).message).toMatch(/line 2 \(text after a closing quote\)/);
  });
});

describe('csvRows', () => {
  const Row = z.object({ id: Cell.text, amount: Cell.optionalDecimal, at: Cell.time });

  it('keys fields by header, ignores columns it does not need, validates each row', () => {
    const text = 'at,extra,id,amount\r\n2022-05-04 18:34:13 UTC,x,shp_1,6.07\r\n1651689253,y,shp_2,\r\n';
    expect(csvRows(text, ['id', 'amount', 'at'], Row, 'f')).toEqual([
      { id: 'shp_1', amount: 6.07, at: 1651689253000 },
      { id: 'shp_2', amount: null, at: 1651689253000 },
    ]);
    expect(csvRows('id,amount,at\r\n', ['id'], Row, 'f')).toEqual([]);
  });

  it('a missing column, a short row, a bad value or an empty file is an INVALID_REPLY, never fewer rows', () => {
    expect(refusal(() => csvRows('id,at\r\nshp_1,2022-05-04\r\n', ['id', 'amount', 'at'], Row, 'rep')).message).toBe('rep: missing column amount');
    expect(refusal(() => csvRows('id,amount,at\r\nshp_1,1\r\n', ['id'], Row, 'rep')).message).toBe('rep: row 1 has 2 fields, the header 3');
    const bad = refusal(() => csvRows('id,amount,at\r\nshp_1,6,07,x\r\n', ['id'], Row, 'rep'));
    expect(bad.message).toBe('rep: row 1 has 4 fields, the header 3');
    expect(refusal(() => csvRows('id,amount,at\r\nshp_1,six,2022-05-04\r\n', ['id'], Row, 'rep')).message).toMatch(/row 1 is not valid \(amount: /);
    expect(refusal(() => csvRows('id,amount,at\r\nshp_1,1,yesterday\r\n', ['id'], Row, 'rep')).message).toMatch(/row 1 is not valid \(at: expected a time\)/);
    expect(refusal(() => csvRows('', ['id'], Row, 'rep'))).toMatchObject({ code: 'INVALID_REPLY', message: 'rep: the file is empty (no header)' });
  });
});

describe('timeMs', () => {
  it('reads ISO with or without a zone (UTC), a Rails-style UTC time and epoch seconds', () => {
    expect(timeMs('2018-07-29T16:44:42.586')).toBe(Date.UTC(2018, 6, 29, 16, 44, 42, 586));
    expect(timeMs('2020-03-13T14:16:44Z')).toBe(Date.UTC(2020, 2, 13, 14, 16, 44));
    expect(timeMs('2020-03-13T09:16:44-05:00')).toBe(Date.UTC(2020, 2, 13, 14, 16, 44));
    expect(timeMs('2020-03-13 14:16:44 UTC')).toBe(Date.UTC(2020, 2, 13, 14, 16, 44));
    expect(timeMs('1584109004')).toBe(Date.UTC(2020, 2, 13, 14, 16, 44));
    expect(timeMs('soon')).toBeNaN();
  });
});
