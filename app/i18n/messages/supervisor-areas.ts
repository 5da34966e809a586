import type { AreaCatalogue } from '../catalogue';
import { supervisor } from './supervisor';
import { supervisorAdvice } from './supervisor-advice';
import { supervisorCarrier } from './supervisor-carrier';
import { supervisorDay } from './supervisor-day';
import { supervisorMachine } from './supervisor-machine';
import { supervisorRecords } from './supervisor-records';
import { supervisorWords } from './supervisor-words';

/** The supervisor area's catalogues (split by part of the panel to keep each file readable). */
export const supervisorAreas: readonly AreaCatalogue[] = [supervisor, supervisorWords, supervisorMachine, supervisorRecords, supervisorCarrier, supervisorDay, supervisorAdvice];
