import { describe, expect, it } from 'vitest';
import { translator } from '../../../../app/i18n/catalogues';
import { LANGUAGES, SaySchema, say } from '../../../../app/i18n/language';

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
/** A plural variant (`….one`) may leave the count out in words ("ein Paket"), so only its other parameters must match. */
const PLURAL = /\.(zero|one|two|few|many|other)$/;
const EN = { language: 'en', weightUnits: 'metric' } as const;

describe('every catalogue of every area', () => {
  it('has the English keys in every language, no more and no fewer', () => {
    const english = translator.keys('en');
    expect(english.length).toBeGreaterThan(300);
    for (const language of LANGUAGES) expect({ language, keys: translator.keys(language) }).toEqual({ language, keys: english });
  });

  it('has no empty text', () => {
    const empty = LANGUAGES.flatMap((language) =>
      translator.keys(language).filter((key) => translator.t(key, { language, weightUnits: 'metric' }, {}).trim() === '').map((key) => `${language} ${key}`),
    );
    expect(empty).toEqual([]);
  });

  it('uses the parameters of the English text in every language', () => {
    const template = (key: string, language: (typeof LANGUAGES)[number]) =>
      // Parameters render as themselves when none is given: the template comes back with its `{name}` intact.
      translator.t(key, { language, weightUnits: 'metric' });
    const differing = translator.keys('en').flatMap((key) => {
      const english = placeholders(template(key, 'en')).filter((name) => !PLURAL.test(key) || name !== 'count');
      return LANGUAGES.filter((language) => {
        const own = placeholders(template(key, language)).filter((name) => !PLURAL.test(key) || name !== 'count');
        return own.join() !== english.join();
      }).map((language) => `${language} ${key}`);
    });
    expect(differing).toEqual([]);
  });
});

describe('a Say', () => {
  it('may carry another Say as a parameter, translated in the same language, and crosses IPC as it is', () => {
    const nested = say('packing.reprintWaiting', { instruction: say('packing.printerWaits.queued', { instruction: say('packing.printer.fault.paper_out') }) });
    expect(SaySchema.parse(JSON.parse(JSON.stringify(nested)))).toEqual(nested);
    expect(translator.text(nested, EN)).toBe('Reprint waiting: Paper out: load labels and close the head — the label prints by itself when fixed');
    expect(translator.text(nested, { language: 'de', weightUnits: 'metric' })).toBe(
      'Nachdruck wartet: Papier leer: Etiketten einlegen und Druckkopf schließen – danach druckt das Etikett von selbst',
    );
  });

  it('shows weights (parameters ending in G) in the warehouse units and numbers in the reader’s way', () => {
    const band = say('packing.weightRejected.outside', { weightG: 1520, minG: 810, maxG: 990 });
    expect(translator.text(band, EN)).toBe('Weight 1.520 kg is outside 810 g–990 g: check the box contents');
    expect(translator.text(band, { language: 'fr', weightUnits: 'metric' })).toBe(
      'Le poids 1,520 kg est hors de la plage 810 g–990 g : vérifiez le contenu du carton',
    );
    expect(translator.text(band, { language: 'en', weightUnits: 'imperial' })).toBe('Weight 3 lb 5.6 oz is outside 1 lb 12.6 oz–2 lb 2.9 oz: check the box contents');
    expect(translator.t('packing.notice.queueFull', { language: 'de', weightUnits: 'metric' }, { max: 1500 })).toBe(
      'Schon 1.500 Scans warten auf die Station; gleich noch einmal scannen',
    );
  });
});
