import { useEffect, useRef } from 'react';
import type { StationApi } from '../../../app/ipc/contract';
import { WedgeDetector, type WedgeSettings } from './keyboard-wedge';
import { useUiSettings } from '../state/station-state.context';

/** Marks the scan field: it handles its own typing and Enter, so the wedge hook leaves bursts that start there alone. */
export const SCAN_FIELD_ATTR = 'data-scan-field';
export const scanFieldProps = { [SCAN_FIELD_ATTR]: '' } as const;

/** The station config's defaults (app/domain/station-config.schema.ts), used until `ui:settings` answers. */
const DEFAULT_SETTINGS: WedgeSettings = { enabled: true, maxInterKeyMs: 35, minLength: 4 };

type TextField = HTMLInputElement | HTMLTextAreaElement;

interface Origin {
  field: TextField;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', '']);

function textFieldOf(target: EventTarget | null): TextField | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)) return target;
  return null;
}

/**
 * Puts a field back as it was before the burst. React tracks an input's value itself, so the value is set through
 * the native setter and announced with an `input` event, or React would restore the scanned text on its next render.
 */
function restore(origin: Origin): void {
  const { field } = origin;
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, origin.value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  try {
    field.setSelectionRange(origin.selectionStart, origin.selectionEnd);
  } catch {
    // type=number/email fields have no selection API; the value is what matters.
  }
}

/**
 * Keyboard-wedge scanners anywhere on the page: a fast burst ending in Enter/Tab becomes one `packing:scan`, the
 * same path serial scans take. Listening on window in the capture phase sees every key before React or the focused
 * element does, so the terminator can be swallowed (no form submit, no focus move) and what the burst typed into an
 * ordinary field can be taken back out. Keys are let through until the burst is known to be a scan, so a person's
 * typing is never delayed or lost.
 */
export function useKeyboardWedge(api: StationApi): void {
  // Without settings yet the defaults still tell scanners from people; the link banner reports an outage.
  const wedge = useUiSettings()?.wedge;
  const detectorRef = useRef<WedgeDetector | null>(null);
  detectorRef.current ??= new WedgeDetector(DEFAULT_SETTINGS);
  // New timing is taken by the same detector, so keys of a burst under way are not lost to a fresh one.
  useEffect(() => {
    if (wedge) detectorRef.current?.configure(wedge);
  }, [wedge]);
  useEffect(() => {
    const detector = detectorRef.current ?? new WedgeDetector(DEFAULT_SETTINGS);
    let origin: Origin | null = null;

    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.isComposing || event.repeat) return;
      const inScanField = event.target instanceof HTMLElement && event.target.hasAttribute(SCAN_FIELD_ATTR);
      // A burst begun elsewhere is followed into the scan field (it may take focus mid-burst); one begun there is its own.
      const following = detector.inBurst(event.timeStamp);
      if (inScanField && !following) {
        detector.reset();
        origin = null;
        return;
      }
      const verdict = detector.key({
        key: event.key,
        time: event.timeStamp,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
      });
      if (verdict.kind === 'pass') {
        if (verdict.startsBurst) {
          const field = textFieldOf(event.target);
          origin = field
            ? { field, value: field.value, selectionStart: field.selectionStart, selectionEnd: field.selectionEnd }
            : null;
        } else if (inScanField && detector.length > 0) {
          event.preventDefault();
        }
        if (detector.length > 0 && event.key === ']' && event.ctrlKey) event.preventDefault();
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      if (origin) restore(origin);
      origin = null;
      api.invoke('packing:scan', { code: verdict.code }).catch(() => {
        // The core logs refused scans; a dropped link is shown by the banner.
      });
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [api]);
}
