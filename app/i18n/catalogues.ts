/**
 * Every message the station shows, by area (one file per area under messages/, each in every language). Add an
 * area's import here; the translator refuses a key defined twice.
 */
import { commands } from './messages/commands';
import { common } from './messages/common';
import { feedback } from './messages/feedback';
import { lots } from './messages/lots';
import { packingAreas } from './messages/packing-areas';
import { people } from './messages/people';
import { shift } from './messages/shift';
import { supervisorAreas } from './messages/supervisor-areas';
import { createTranslator } from './translate';

export const translator = createTranslator([common, commands, feedback, lots, people, shift, ...supervisorAreas, ...packingAreas]);
