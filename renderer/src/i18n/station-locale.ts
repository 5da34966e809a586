import type { Locale } from '../../../app/i18n/format';
import type { UiSettings } from '../../../app/ipc/contract';
import type { SessionView } from '../../../app/people/person.schema';

/** Until the station answers: English and metric, the station config's defaults. */
export const DEFAULT_LOCALE: Locale = { language: 'en', weightUnits: 'metric' };

/**
 * The screen's language: the signed-in person's own (their Odoo language, when the station speaks it), else the
 * station's. Weights are always in the warehouse's units, whoever reads them.
 */
export function stationLocale(settings: Pick<UiSettings, 'language' | 'weightUnits'> | null, session: SessionView | null): Locale {
  const station = settings ?? DEFAULT_LOCALE;
  const own = session?.person ? session.language : null;
  return { language: own ?? station.language, weightUnits: station.weightUnits };
}
