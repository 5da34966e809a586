import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../../app/people/person.schema';
import { stationLocale } from '../../../../renderer/src/i18n/station-locale';

const session = (language: SessionView['language'], signedIn = true): SessionView => ({
  signIn: 'required',
  person: signedIn ? { id: 'emp:7', name: 'Ana' } : null,
  role: signedIn ? 'packer' : null,
  language,
  since: signedIn ? 1 : null,
  awaitingPin: null,
  idleSignOutAt: null,
  refusal: null,
});

describe('the screen’s language and weight units', () => {
  const station = { language: 'fr', weightUnits: 'imperial' } as const;

  it('are the station’s until someone signs in, English and metric until the station answers', () => {
    expect(stationLocale(null, null)).toEqual({ language: 'en', weightUnits: 'metric' });
    expect(stationLocale(station, null)).toEqual(station);
    expect(stationLocale(station, session('de', false))).toEqual(station);
  });

  it('follow the signed-in packer’s own language, the weights staying in the warehouse’s units', () => {
    expect(stationLocale(station, session('de'))).toEqual({ language: 'de', weightUnits: 'imperial' });
    expect(stationLocale(station, session(null))).toEqual(station);
  });
});
