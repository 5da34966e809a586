/** The packing flow's and the packer screen's catalogues, registered together in catalogues.ts. */
import { packing } from './packing';
import { packingPrinter } from './packing-printer';
import { packingScans } from './packing-scans';

export const packingAreas = [packing, packingScans, packingPrinter];
