/**
 * The core speaks in catalogue keys (`Say`); logs, the station's status and its tests read the English rendering,
 * which is exactly what the packer screen showed before it spoke other languages.
 */
import { translator } from './catalogues';
import { say, type Say } from './language';

const ENGLISH = { language: 'en', weightUnits: 'metric' } as const;

export const english = (message: Say): string => translator.text(message, ENGLISH);

/** Words that come from elsewhere (an Odoo error, a carrier's detail, a driver's detail): shown as they are. */
export const verbatim = (text: string): Say => say('packing.verbatim', { text });

/**
 * The one of `candidates` whose English is `text`, else `text` verbatim. For free text another part of the core
 * builds from a fixed table (the spooler's printer instructions): translated when it is one of the known sentences,
 * and never different from what that part wrote when it is not.
 */
export function knownSay(text: string, candidates: readonly Say[]): Say {
  return candidates.find((candidate) => english(candidate) === text) ?? verbatim(text);
}
