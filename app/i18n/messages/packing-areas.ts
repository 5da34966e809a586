/** The packing flow's and the packer screen's catalogues, registered together in catalogues.ts. */
import { packer } from './packer';
import { packerPrint } from './packer-print';
import { packing } from './packing';
import { packingPrinter } from './packing-printer';
import { packingScans } from './packing-scans';

export const packingAreas = [packing, packingScans, packingPrinter, packer, packerPrint];
