/**
 * What a rejected print() means for the label. Only positive evidence that no byte left the station counts as
 * "refused": anything else may have reached the printer, and a job that may have printed is never resent blindly.
 */
import { errorMessage, isStationError } from '../domain/errors';

/** refused: nothing was sent, try again later. rejected: nothing was sent and never will be. broken: bytes may be out. */
export type PrintFailure = 'refused' | 'rejected' | 'broken';

// Errors that only a connection attempt can raise: the socket never carried a byte of the job. EHOSTUNREACH and
// friends are left out on purpose: an established socket can report them too, after bytes went out.
const CONNECT_ERRNOS: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

const field = (detail: unknown, name: string): unknown =>
  typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>)[name] : undefined;

export function classifyPrintFailure(error: unknown): PrintFailure {
  if (!isStationError(error)) return 'broken';
  // The driver refused the job before any I/O (empty label, bad config): retrying cannot help.
  if (error.code === 'REJECTED' || error.code === 'CONFIG') return 'rejected';
  const detail = error.detail;
  // Drivers that count what they wrote (or say which phase failed) give the strongest evidence.
  if (field(detail, 'bytesWritten') === 0 || field(detail, 'phase') === 'connect') return 'refused';
  const errno = field(detail, 'errno');
  if (typeof errno === 'string' && CONNECT_ERRNOS.has(errno)) return 'refused';
  return 'broken';
}

/** One line for the job's detail, so the operator sees why it waits. */
export const failureText = (error: unknown): string => errorMessage(error).slice(0, 300);
