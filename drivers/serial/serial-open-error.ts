import { StationError, errorMessage } from '../../app/domain/errors';
import { describePortHolders, type FindPortHolders } from './port-holders';
import { errnoCode } from './errno-code';

/**
 * Why a device could not be opened, kept in `StationError.detail` so that code (the reconnect loop, the
 * `devices` command) decides on it without reading the message.
 */
export type DeviceProblem = 'absent' | 'busy' | 'permission' | 'ambiguous' | 'other';

export interface DeviceProblemDetail {
  deviceProblem: DeviceProblem;
  /** Ports an ambiguous `usb:` identity matched. */
  paths?: string[];
}

export function deviceProblem(error: unknown): DeviceProblem | null {
  if (!(error instanceof StationError) || typeof error.detail !== 'object' || error.detail === null) return null;
  const problem = (error.detail as Partial<DeviceProblemDetail>).deviceProblem;
  return typeof problem === 'string' ? problem : null;
}

/**
 * serialport errors carry no errno `code`, only strerror text inside a sentence, e.g. on Linux
 * `Error: No such file or directory, cannot open /dev/ttyUSB0`, `Error Resource temporarily unavailable Cannot
 * lock port` (its flock), `Error: Device or resource busy, cannot open …` (another program's TIOCEXCL),
 * `Error: Permission denied, cannot open …`; on Windows `Opening COM3: Access denied` (a COM port is exclusive,
 * so that means busy) and `File not found`. Codes are still checked first for bindings that do set them.
 */
export function classifySerialOpenError(err: unknown): DeviceProblem {
  const code = errnoCode(err);
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') return 'absent';
  if (code === 'EBUSY' || code === 'EAGAIN' || code === 'EWOULDBLOCK') return 'busy';
  if (code === 'EACCES' || code === 'EPERM') return 'permission';
  const message = errorMessage(err);
  if (/ENOENT|no such file|no such device|cannot find|file not found/i.test(message)) return 'absent';
  if (/EACCES|EPERM|permission denied|operation not permitted/i.test(message)) return 'permission';
  if (/EBUSY|EAGAIN|busy|cannot lock|resource temporarily unavailable|access denied/i.test(message)) return 'busy';
  return 'other';
}

export interface SerialOpenErrorContext {
  /** What the config says (`/dev/ttyUSB0`, `usb:0403:6001:A50285BI`). */
  configured: string;
  /** What was opened, when it differs (the current path of a `usb:` identity). */
  resolved?: string;
  findHolders?: FindPortHolders;
}

/** A serialport open failure as an operator-readable StationError('DEVICE'). */
export async function serialOpenError(err: unknown, context: SerialOpenErrorContext): Promise<StationError> {
  const problem = classifySerialOpenError(err);
  const name = portName(context);
  const detail: DeviceProblemDetail = { deviceProblem: problem };
  switch (problem) {
    case 'absent':
      return new StationError('DEVICE', `${name}: serial port not found — it does not exist (unplugged, or wrong path)`, {
        cause: err,
        detail,
      });
    case 'permission':
      return new StationError('DEVICE', `${name}: permission denied: add the user to the dialout group (then log in again)`, {
        cause: err,
        detail,
      });
    case 'busy': {
      const holders = context.findHolders ? await context.findHolders(context.resolved ?? context.configured).catch(() => []) : [];
      const held = describePortHolders(holders);
      const message = `${name} is in use by another program (close it or unplug/replug the device)${held ? `; ${held}` : ''}`;
      return new StationError('DEVICE', message, { cause: err, detail: { ...detail, holders } });
    }
    default:
      return new StationError('DEVICE', `${name}: ${errorMessage(err)}`, { cause: err, detail });
  }
}

function portName({ configured, resolved }: SerialOpenErrorContext): string {
  return resolved && resolved !== configured ? `${configured} (${resolved})` : configured;
}
