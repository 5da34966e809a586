import { describe, expect, it } from 'vitest';
import { translator } from '../../../../app/i18n/catalogues';
import type { Locale } from '../../../../app/i18n/format';
import type { Language } from '../../../../app/i18n/language';
import { adviseDeadLetter } from '../../../../app/outbox/dead-letter.advice';
import { describeDeadLetter, type DeadLetterFacts } from '../../../../app/outbox/dead-letter.describe';

const in_ = (language: Language): Locale => ({ language, weightUnits: 'metric' });

describe("dead-letter advice in the reader's language", () => {
  it("translates what went wrong and what to do, and keeps the remote's own words", () => {
    const advice = adviseDeadLetter('REJECTED: odoo stock.move.line.write: odoo.exceptions.UserError: Lot "LOT-42" does not exist');
    const said = advice.say!;
    expect(translator.text(said.summary, in_('en'))).toBe(advice.summary);
    expect(translator.text(said.instruction, in_('en'))).toBe(advice.instruction);
    expect(translator.text(said.summary, in_('de'))).toBe('Odoo hat die Änderung abgelehnt (UserError): Lot "LOT-42" does not exist');
    expect(translator.text(said.instruction, in_('de'))).toBe('Legen Sie das Los LOT-42 für dieses Produkt in Odoo an (Lager › Los-/Seriennummern) und senden Sie dann erneut.');
    expect(translator.text(said.summary, in_('fr'))).toBe('Odoo a refusé la modification (UserError) : Lot "LOT-42" does not exist');
    expect(translator.text(said.instruction, in_('es'))).toBe('Cree el lote LOT-42 para este producto en Odoo (Inventario › Números de lote/serie) y luego reenvíe.');
  });

  it('counts the tries in every language, and says when the remote said nothing', () => {
    const advice = adviseDeadLetter('gave up after 8 attempts; last error SERVER: ');
    expect(advice.instruction).toContain('Odoo failed 8 times with a server error');
    expect(translator.text(advice.say!.instruction, in_('es'))).toMatch(/^Odoo falló 8 veces con un error del servidor/);
    expect(translator.text(advice.say!.summary, in_('de'))).toBe('Fehler auf dem Server: keine Meldung');
    expect(advice.summary).toBe('The server failed: no message');
  });

  it("names an unknown code and a damaged local record in the reader's language", () => {
    expect(translator.text(adviseDeadLetter('TEAPOT: short and stout').say!.summary, in_('fr'))).toBe('erreur TEAPOT : short and stout');
    const local = adviseDeadLetter('unparseable outbox payload (type parcel.packed)');
    expect(local.summary).toBe('The station could not read its own record: unparseable outbox payload (type parcel.packed)');
    expect(translator.text(local.say!.instruction, in_('de'))).toMatch(/^Das gespeicherte Ereignis ist beschädigt/);
  });

  it('masks secrets in the words a screen translates, not only in the English', () => {
    const facts: DeadLetterFacts = {
      id: 1,
      eventId: 2,
      target: 'odoo',
      orderKey: 'picking:1',
      reason: 'AUTH: odoo common.authenticate: odoo.exceptions.AccessDenied: key sk-secret-123 refused',
      at: 0,
      resolvedAt: null,
      resolution: null,
      pickingId: 1,
      pickingName: 'WH/OUT/00001',
      eventType: 'parcel.packed',
      attempts: 1,
      rawPayload: '{}',
      eventReplayable: true,
    };
    const detail = describeDeadLetter(facts, ['sk-secret-123']);
    expect(JSON.stringify(detail)).not.toContain('sk-secret-123');
    expect(translator.text(detail.advice.say!.summary, in_('es'))).toBe('El puesto no obtuvo acceso (AccessDenied): key *** refused');
  });
});
