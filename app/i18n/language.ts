import { z } from 'zod';

/** Languages the station speaks. English is the fallback for a key another catalogue lacks (a test keeps them complete). */
export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/**
 * How weights are shown, whatever unit the scale speaks: `metric` shows g below 1 kg and kg above; `imperial` shows oz
 * below 1 lb and lb + oz above. The station computes in grams throughout; this is display only.
 */
export const WeightUnitsSchema = z.enum(['metric', 'imperial']);
export type WeightUnits = z.infer<typeof WeightUnitsSchema>;

/**
 * Text the core wants someone to read, as a catalogue key and its parameters, never as finished words: the screen
 * translates it into the packer's language. `weight`-named parameters (`weightG`, `expectedG`, …: any key ending in
 * `G`) are grams and are shown in the station's weight units. A parameter may itself be a `Say` (a sentence built
 * from parts, e.g. a printer's instruction inside "Reprint waiting: …"): it is translated in the same language.
 */
export interface Say {
  key: string;
  params: SayParams;
}
export type SayParam = string | number | Say;
export type SayParams = Record<string, SayParam>;

/** What a `Say` may look like on the wire: `params` may be left out. */
interface SayInput {
  key: string;
  params?: Record<string, string | number | SayInput>;
}

export const SaySchema: z.ZodType<Say, SayInput> = z.object({
  key: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.lazy(() => SaySchema)])).default({}),
});

/** A parameter of a message: numbers are formatted by `Intl` in the reader's language, strings are shown as they are. */
export const SayParamSchema = z.union([z.string(), z.number(), SaySchema]);

export const say = (key: string, params: SayParams = {}): Say => ({ key, params });
