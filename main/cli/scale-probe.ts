import { SerialLinkSchema, type ScaleProtocol, type SerialLink } from '../../app/domain';
import { errorMessage } from '../../app/domain/errors';
import type { ByteLink, OpenByteLink } from '../../drivers/serial/byte-link';
import { deviceProblem } from '../../drivers/serial/serial-open-error';
import { scaleCodec, supportedScaleProtocols } from '../../drivers/scales/scale-codecs';
import { isFrameError, type ScaleCodec } from '../../drivers/scales/scale-protocol';

export interface ProbeOptions {
  open: OpenByteLink;
  /** Protocols to try, in order; default every built-in serial protocol. */
  protocols?: readonly ScaleProtocol[];
  /** How long one protocol gets to answer (continuous protocols: how long to listen). */
  attemptMs?: number;
  /** Keep trying the other protocols after one answered (slower; shows a port that answers more than one). */
  all?: boolean;
}

export interface ProbeAttempt {
  protocol: ScaleProtocol;
  /** `9600 7E1` */
  line: string;
  answered: boolean;
  /** The first frame that proved it, printable. */
  sample?: string;
  error?: string;
}

export interface ProbeResult {
  path: string;
  /** The first protocol that answered, or null. */
  protocol: ScaleProtocol | null;
  attempts: ProbeAttempt[];
}

// Protocols that need station-specific settings (a regex, a HID device) cannot be guessed by probing a port.
const NOT_PROBEABLE: ReadonlySet<string> = new Set(['configurable', 'usb-hid']);
const REQUEST_EVERY_MS = 250;
const CLOSE_WAIT_MS = 1000;
// Device errors that mean "this device speaks the protocol but refused the command" (MT-SICS ES/ET/EL).
const REFUSALS: ReadonlySet<string> = new Set(['SYNTAX', 'TRANSMISSION', 'LOGICAL']);

export function probeableProtocols(): ScaleProtocol[] {
  return supportedScaleProtocols().filter((protocol) => !NOT_PROBEABLE.has(protocol));
}

/**
 * Which scale protocol answers on `path`: one protocol at a time, each at its own line settings, the port opened
 * and closed for each (a port left open would be "in use" for the station afterwards). Bounded: at most
 * protocols × (attemptMs + close wait), plus the open itself.
 */
export async function probePort(path: string, options: ProbeOptions): Promise<ProbeResult> {
  const attempts: Attempt[] = [];
  for (const protocol of options.protocols ?? probeableProtocols()) {
    let codec: ScaleCodec;
    try {
      codec = scaleCodec(protocol);
    } catch {
      continue;
    }
    const link = SerialLinkSchema.parse({ ...codec.defaultLink, path });
    const attempt = await tryProtocol(protocol, codec, link, options);
    attempts.push(attempt);
    if (attempt.answered && !options.all) break;
    // The same open error would repeat for every protocol: a missing or busy port is reported once.
    if (attempt.error !== undefined && attempt.stopProbing) break;
  }
  const answered = attempts.find((attempt) => attempt.answered);
  return { path, protocol: answered?.protocol ?? null, attempts: attempts.map(({ stopProbing: _, ...attempt }) => attempt) };
}

export function describeLine(link: Pick<SerialLink, 'baudRate' | 'dataBits' | 'parity' | 'stopBits'>): string {
  return `${link.baudRate} ${link.dataBits}${link.parity.charAt(0).toUpperCase()}${link.stopBits}`;
}

type Attempt = ProbeAttempt & { stopProbing?: boolean };

async function tryProtocol(protocol: ScaleProtocol, codec: ScaleCodec, link: SerialLink, options: ProbeOptions): Promise<Attempt> {
  const attemptMs = options.attemptMs ?? 1000;
  const base = { protocol, line: describeLine(link), answered: false };
  const opened = await withTimeout(options.open(link), attemptMs + 5000);
  if (!opened.ok) {
    const problem = deviceProblem(opened.error);
    return { ...base, error: opened.timedOut ? 'open timed out' : errorMessage(opened.error), stopProbing: problem !== 'other' };
  }
  const port = opened.value;
  try {
    return { ...base, ...(await listen(port, codec, attemptMs)) };
  } finally {
    await withTimeout(port.close(), CLOSE_WAIT_MS);
  }
}

function listen(port: ByteLink, codec: ScaleCodec, attemptMs: number): Promise<Partial<Attempt>> {
  return new Promise((resolve) => {
    const splitter = codec.frames();
    const timers: NodeJS.Timeout[] = [];
    const offs: (() => void)[] = [];
    const finish = (result: Partial<Attempt>): void => {
      timers.forEach((timer) => clearTimeout(timer));
      offs.forEach((off) => off());
      resolve(result);
    };
    offs.push(
      port.onData((chunk) => {
        for (const frame of splitter.push(chunk)) {
          const parsed = codec.parse(frame);
          if (!isFrameError(parsed) || REFUSALS.has(parsed.code)) {
            finish({ answered: true, sample: printable(frame) });
            return;
          }
        }
      }),
      port.onClose((err) => finish({ error: err ? `port closed: ${errorMessage(err)}` : 'port closed' })),
    );
    const { request } = codec;
    if (request) {
      // Some scales drop the first command after the port opens (DTR reset, wake-up): ask a few times.
      const ask = (): void => {
        port.write(request).catch(() => {});
        timers.push(setTimeout(ask, REQUEST_EVERY_MS));
      };
      ask();
    }
    timers.push(setTimeout(() => finish({}), attemptMs));
  });
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown; timedOut: boolean };

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: new Error('timed out'), timedOut: true }), ms);
  });
  const settled = promise.then(
    (value): Settled<T> => ({ ok: true, value }),
    (error: unknown): Settled<T> => ({ ok: false, error, timedOut: false }),
  );
  const result = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  if (!result.ok && result.timedOut) {
    // An open that completes after we gave up must still be closed, or the port stays locked.
    void settled.then((late) => {
      if (late.ok && isByteLink(late.value)) void late.value.close().catch(() => {});
    });
  }
  return result;
}

function isByteLink(value: unknown): value is ByteLink {
  return typeof value === 'object' && value !== null && typeof (value as ByteLink).close === 'function';
}

function printable(frame: Buffer): string {
  return [...frame.toString('latin1')]
    .map((c) => (c >= ' ' && c <= '~' ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
    .join('')
    .trim();
}
