/**
 * Ages and moments for the hub's fleet view, which reads English: the station's own `Intl` formats
 * (app/i18n/format.ts; screens with a reader's language use them through `useT()`), with the words for "nothing yet".
 */
import { formatDateTime, formatDuration } from '../../../app/i18n/format';

export const formatAge = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms, 'en'));

export const formatTime = (at: number | null): string => (at === null ? 'never' : formatDateTime(at, 'en'));
