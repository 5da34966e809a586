import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../app/domain/errors';
import { classifyPrintFailure } from '../../../../app/printing/print-failure';

const network = (detail: unknown): StationError => new StationError('NETWORK', 'printer', { detail });

describe('classifyPrintFailure', () => {
  it('a refused or unresolvable connection sent nothing', () => {
    expect(classifyPrintFailure(network({ errno: 'ECONNREFUSED' }))).toBe('refused');
    expect(classifyPrintFailure(network({ errno: 'ENOTFOUND' }))).toBe('refused');
    expect(classifyPrintFailure(network({ phase: 'connect' }))).toBe('refused');
    expect(classifyPrintFailure(network({ bytesWritten: 0 }))).toBe('refused');
  });

  it('the driver rejecting the job itself is final', () => {
    expect(classifyPrintFailure(new StationError('REJECTED', 'empty label'))).toBe('rejected');
    expect(classifyPrintFailure(new StationError('CONFIG', 'bad url'))).toBe('rejected');
  });

  it('everything else may have put bytes on the wire', () => {
    expect(classifyPrintFailure(network({ errno: 'ECONNRESET' }))).toBe('broken');
    expect(classifyPrintFailure(network({ errno: 'EPIPE' }))).toBe('broken');
    expect(classifyPrintFailure(network({ errno: 'EHOSTUNREACH' }))).toBe('broken');
    expect(classifyPrintFailure(network({ bytesWritten: 12 }))).toBe('broken');
    expect(classifyPrintFailure(network(undefined))).toBe('broken');
    expect(classifyPrintFailure(new StationError('TIMEOUT', 'slow'))).toBe('broken');
    expect(classifyPrintFailure(new Error('socket hang up'))).toBe('broken');
    expect(classifyPrintFailure('weird')).toBe('broken');
  });
});
