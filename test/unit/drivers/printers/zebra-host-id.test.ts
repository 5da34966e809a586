import { describe, expect, it } from 'vitest';
import {
  dotsPerMmFromDpi,
  formatHostIdentification,
  parseHostIdentification,
} from '../../../../drivers/printers/zebra-host-id';
import { isFrameError } from '../../../../drivers/printers/zebra-host-status';

describe('~HI host identification', () => {
  // Replies reported from real printers (an LP2844-Z and a FedEx ZP 500), framed as printers send them.
  it('parses an LP2844-Z reply with padded firmware', () => {
    expect(parseHostIdentification('\x02LP2844-Z,V45.11.7Z   ,8,8192KB\x03\r\n')).toEqual({
      model: 'LP2844-Z',
      firmware: 'V45.11.7Z',
      dotsPerMm: 8,
      dpi: 203,
      memory: '8192KB',
      options: '',
    });
  });

  it('parses a ZP 500 reply whose model contains spaces and parentheses', () => {
    const id = parseHostIdentification('\x02ZP 500 (ZPL)-200dpi,ZSP-002281B,8,2104KB\x03\r\n');
    expect(isFrameError(id) ? id.reason : id.model).toBe('ZP 500 (ZPL)-200dpi');
  });

  it('maps 12 and 24 dots/mm to 300 and 600 dpi, and 6 dots/mm to no purchasable dpi', () => {
    const dpiOf = (dpm: number) => {
      const id = parseHostIdentification(`\x02ZT410,V75.20.1Z,${dpm},8192KB,C\x03\r\n`);
      return isFrameError(id) ? id.reason : id.dpi;
    };
    expect([dpiOf(12), dpiOf(24), dpiOf(6)]).toEqual([300, 600, null]);
  });

  it('round-trips what the simulator sends', () => {
    const sent = formatHostIdentification({ model: 'ZD421-300dpi', firmware: 'V84.20.18Z', dotsPerMm: dotsPerMmFromDpi(300), memory: '8192KB', options: '' });
    expect(sent).toBe('\x02ZD421-300dpi,V84.20.18Z,12,8192KB\x03\r\n');
    expect(parseHostIdentification(Buffer.from(sent, 'latin1'))).toMatchObject({ model: 'ZD421-300dpi', dpi: 300 });
  });

  it('returns a FrameError for an incomplete or foreign reply', () => {
    expect(isFrameError(parseHostIdentification('\x02ZD421,V84'))).toBe(true);
    expect(isFrameError(parseHostIdentification('\x02HELLO\x03\r\n'))).toBe(true);
  });
});
