/**
 * Pieces of the packing chart used by several states (guards with their parameters, shared transitions), so the chart
 * in packing.machine.ts reads as states and events only.
 */
import { and } from 'xstate';
import type { LoadedPicking } from '../domain';
import { errorMessage } from '../domain/errors';
import type { PackingAction } from '../ipc/contract';
import type { LabelJobPhase } from './label-job';
import type { ResumeStage } from './resume';
import type { ScanKind } from './scan-classification';

type ErrorEvent = { event: { error: unknown } };

export const command = (action: PackingAction) => ({ type: 'commandIs', params: { action } }) as const;
export const scan = (kind: ScanKind) => ({ type: 'scanIs', params: { kind } }) as const;
export const phase = (p: LabelJobPhase) => ({ type: 'labelJobIs', params: { phase: p } }) as const;
/** The packer sees the StationError's message; the code stays with the actor that decided on retries. */
export const failed = {
  type: 'storeError',
  params: ({ event }: ErrorEvent) => ({ message: errorMessage(event.error) }),
} as const;
/** The carrier desk refused the parcel (or its platform is down too long): it goes aside, not to carrierFailed. */
export const carrierRefused = { type: 'carrierRefused', params: ({ event }: ErrorEvent) => ({ error: event.error }) } as const;
export const setParcelAside = { type: 'setParcelAside', params: ({ event }: ErrorEvent) => ({ error: event.error }) } as const;
export const resumesAt = (stage: ResumeStage) =>
  ({ type: 'resumesAt', params: ({ event }: { event: { output: LoadedPicking } }) => ({ loaded: event.output, stage }) }) as const;
export const resume = { type: 'resumePicking', params: ({ event }: { event: { output: LoadedPicking } }) => ({ loaded: event.output }) } as const;
/** Scans held while an effect ran, applied in order now that the machine can take them. */
export const replayScans = ['sendHeldScans', 'forgetHeldScans'] as const;
/** In a state that runs an effect, a scan waits for the machine to be able to take it (see replayScans). */
export const holdScan = { actions: 'queueScan' } as const;
export const toIdle = { guard: command('cancel'), target: '#packing.idle' } as const;
/** From a state where the packer is done with a picking, the next picking scan is loaded at once (idle's reset applied). */
export const loadNextPicking = {
  guard: 'isPickingScan',
  target: '#packing.loadingPicking',
  actions: ['resetPicking', 'rememberScan', 'clearScanNotice'],
} as const;
/** Once the label is confirmed the picking moves on, from whichever printing state saw it. */
export const afterLabelPrinted = [
  { guard: and([phase('printed'), 'linesRemain']), target: '#packing.packing', actions: 'nextParcel' },
  { guard: phase('printed'), target: '#packing.finishing' },
] as const;
