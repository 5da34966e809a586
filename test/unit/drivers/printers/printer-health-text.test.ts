import { describe, expect, it } from 'vitest';
import { faultText, healthFromStatus } from '../../../../drivers/printers/printer-health-text';
import { PrinterFaultSchema } from '../../../../app/domain';

describe('printer health text', () => {
  it('has operator text for every fault the domain knows', () => {
    for (const fault of PrinterFaultSchema.options) expect(faultText(fault)).toMatch(/\w/);
  });

  it('tells the packer what to do, most blocking fault first', () => {
    expect(healthFromStatus({ ready: false, faults: ['paper_out', 'paused'] })).toEqual({
      state: 'fault',
      detail: 'Paper out: load labels and close the head; Printer paused: press PAUSE on the printer to resume',
    });
  });

  it('is connected when ready, mentioning queued labels', () => {
    expect(healthFromStatus({ ready: true, faults: [], labelsWaiting: 0 })).toEqual({ state: 'connected', detail: 'Ready' });
    expect(healthFromStatus({ ready: true, faults: [], labelsWaiting: 2 }).detail).toBe('Ready, 2 label(s) queued');
  });
});
