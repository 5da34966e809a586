/**
 * Zebra `~HI` (Host Identification): `STX model,firmware,dots-per-mm,memory[,options] ETX CR LF`.
 * Real replies seen in the field: `LP2844-Z,V45.11.7Z   ,8,8192KB` and `ZP 500 (ZPL)-200dpi,ZSP-002281B,8,2104KB`,
 * so model and firmware are free text; only dots/mm matters to us (it decides the label dpi to buy).
 */
import { z } from 'zod';
import type { Dpi } from '../../app/domain';
import { ETX, STX, splitFrames } from './zebra-host-status';
import type { FrameError } from './zebra-host-status';

export interface HostIdentification {
  model: string;
  firmware: string;
  dotsPerMm: number;
  /** null for 6 dots/mm (152 dpi) heads and anything else the station cannot buy labels for. */
  dpi: Dpi | null;
  memory: string;
  options: string;
}

const DPI_BY_DOTS_PER_MM: Readonly<Record<number, Dpi>> = { 8: 203, 12: 300, 24: 600 };

export const dpiFromDotsPerMm = (dpm: number): Dpi | null => DPI_BY_DOTS_PER_MM[dpm] ?? null;
export const dotsPerMmFromDpi = (dpi: Dpi): number => ({ 203: 8, 300: 12, 600: 24 })[dpi];

const HostIdSchema = z
  .tuple([z.string().trim().min(1), z.string().trim(), z.string().trim().regex(/^\d+$/).transform(Number), z.string().trim()])
  .rest(z.string());

export function parseHostIdentification(text: string | Buffer): HostIdentification | FrameError {
  const raw = typeof text === 'string' ? text : text.toString('latin1');
  const body = raw.includes(STX) ? splitFrames(raw).frames[0] : raw.trim().replace(/^"|"$/g, '');
  if (body === undefined) return { kind: 'frame-error', reason: '~HI reply without a complete STX…ETX frame', raw };
  const parsed = HostIdSchema.safeParse(body.split(','));
  if (!parsed.success) return { kind: 'frame-error', reason: `~HI: ${z.prettifyError(parsed.error)}`, raw };
  const [model, firmware, dotsPerMm, memory, ...options] = parsed.data;
  return { model, firmware, dotsPerMm, dpi: dpiFromDotsPerMm(dotsPerMm), memory, options: options.join(',').trim() };
}

export const formatHostIdentification = (id: Omit<HostIdentification, 'dpi'>): string =>
  `${STX}${[id.model, id.firmware, String(id.dotsPerMm), id.memory, ...(id.options ? [id.options] : [])].join(',')}${ETX}\r\n`;
