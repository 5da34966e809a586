import type { CarrierException } from '../domain/carrier.schema';
import { say, type Say } from '../i18n/language';
import { english, knownSay } from '../i18n/english';

const action = (name: string, params = {}): Say => say(`supervisor.carrierAction.${name}`, params);

/**
 * What to do about a parcel the carrier desk refused, one catalogue entry per action. The queue stores the English
 * (`suggestedAction`: logs, the CLI, the hub); a screen reads it back as the same entry in the reader's language.
 */
export const CARRIER_ACTIONS = {
  fixAddress: action('fixAddress'),
  correctAddress: action('correctAddress'),
  weighAgain: action('weighAgain'),
  splitOrRepack: action('splitOrRepack'),
  splitOrFreight: action('splitOrFreight'),
  checkService: action('checkService'),
  raiseCeiling: action('raiseCeiling'),
  claimPostage: action('claimPostage'),
} as const;

export type CarrierAction = keyof typeof CARRIER_ACTIONS;

/** While the platform does not answer: wait, then scan the picking again. */
const waitForPlatform = (picking: string): Say => action('waitForPlatform', { picking });

/** The English a problem records for one of the actions. */
export const suggest = (name: CarrierAction): string => english(CARRIER_ACTIONS[name]);
export const suggestWaiting = (picking: string): string => english(waitForPlatform(picking));

/**
 * A stored exception's action as catalogue words: the entry whose English it is, else its text as it was written
 * (a row from an older station, or words another part of the station chose).
 */
export function withActionSay<T extends Pick<CarrierException, 'suggestedAction' | 'pickingName'>>(exception: T): T & { suggestedActionSay: Say } {
  const candidates = [...Object.values(CARRIER_ACTIONS), waitForPlatform(exception.pickingName)];
  return { ...exception, suggestedActionSay: knownSay(exception.suggestedAction, candidates) };
}
