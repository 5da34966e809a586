/**
 * The packing view in the packer's language: each instruction and notice is a catalogue key every language has, and
 * the printer's instructions the spooler writes are recognised by their English and translated.
 */
import { describe, expect, it } from 'vitest';
import { PrinterFaultSchema, type PackingView, type PrinterStatus } from '../../../../app/domain';
import { translator } from '../../../../app/i18n/catalogues';
import { LANGUAGES, type Say } from '../../../../app/i18n/language';
import { printerWaitSay } from '../../../../app/packing/label-job';
import { english } from '../../../../app/i18n/english';
import { instructionFor, instructionForStatus } from '../../../../app/printing/printer-instructions';
import { MUG, NOT_IN_PICKING, labelJob, picking, startStation } from './packing.fixtures';

const keysOf = (s: Say): string[] => [s.key, ...Object.values(s.params).flatMap((p) => (typeof p === 'object' ? keysOf(p) : []))];
const at = (language: (typeof LANGUAGES)[number]) => ({ language, weightUnits: 'metric' as const });

/** Every key in the view's sayings exists, and each language renders it without a placeholder left over. */
function expectSpoken(view: PackingView): void {
  for (const s of [view.say, view.noticeSay].filter((x): x is Say => !!x)) {
    expect(keysOf(s).filter((key) => !translator.has(key))).toEqual([]);
    for (const language of LANGUAGES) expect(translator.text(s, at(language))).not.toMatch(/\{\w+\}/);
  }
  expect(view.say && english(view.say)).toBe(view.message);
  expect(view.noticeSay ? english(view.noticeSay) : null).toBe(view.notice);
}

describe('the packing view in four languages', () => {
  it('says each step in the packer’s language, the English staying in `message`', async () => {
    const station = startStation();
    expectSpoken(station.view());
    expect(translator.text(station.view().say!, at('fr'))).toBe('Scannez un bon de livraison');
    await station.open();
    station.scan(MUG);
    expectSpoken(station.view());
    expect(translator.text(station.view().say!, at('de'))).toBe('Artikel scannen (1 von 3 gescannt)');
    station.scan(NOT_IN_PICKING);
    expectSpoken(station.view());
    expect(translator.text(station.view().say!, at('es'))).toBe(`Producto equivocado ${NOT_IN_PICKING}: no está en ${picking.name}; apártelo`);
  });

  it('a refused scan’s notice names the reason in the packer’s language', () => {
    const station = startStation();
    station.send({ type: 'SCAN.INVALID', code: 'AB\u0007C', reason: 'ignored: the station words it itself' });
    const view = station.view();
    expectSpoken(view);
    expect(view.notice).toBe('"AB\\x07C" was not used: the scan contains control characters or bytes that are not text: check the scanner (cable, baud rate, keyboard layout)');
    expect(translator.text(view.noticeSay!, at('de'))).toBe(
      '„AB\\x07C“ wurde nicht verwendet: der Scan enthält Steuerzeichen oder Bytes, die kein Text sind: Scanner prüfen (Kabel, Baudrate, Tastaturlayout)',
    );
  });

  it('recognises every printer instruction of the spooler by its English, alone, combined and awaiting the check', () => {
    for (const fault of PrinterFaultSchema.options) expect(translator.t(`packing.printer.fault.${fault}`, at('en'))).toBe(instructionFor(fault));
    const status: PrinterStatus = { ready: false, faults: ['paper_out', 'head_open'] };
    const held = labelJob('j', 1, 'sent', { heldBy: status.faults, detail: instructionForStatus(status) });
    expect(english(printerWaitSay(held))).toBe(
      'Paper out: load labels and close the head; Print head open: close the head — the station carries on by itself when fixed',
    );
    expect(translator.text(printerWaitSay(held), at('es'))).toBe(
      'Sin papel: cargue etiquetas y cierre el cabezal; Cabezal de impresión abierto: cierre el cabezal; una vez arreglada, la estación continúa sola',
    );
    const odd = labelJob('k', 1, 'queued', { heldBy: ['paper_out'], detail: 'A sentence the spooler learnt later' });
    expect(english(printerWaitSay(odd))).toBe('A sentence the spooler learnt later — the label prints by itself when fixed');
  });
});
