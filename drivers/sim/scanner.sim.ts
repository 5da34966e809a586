import type { SerialLink } from '../../app/domain';
import { PeerHub } from './peer-hub.sim';

export interface ScannerSimulatorOptions {
  /** Sent after each code; '' for a scanner set up with no terminator (the host then ends scans by timeout). */
  terminator?: string;
  prefix?: string;
  /** Sent between the code and the terminator (e.g. a tab). */
  suffix?: string;
}

/** A serial barcode scanner: `scan()` sends prefix + code + suffix + terminator to everyone connected, like a trigger pull. */
export class ScannerSimulator {
  private readonly terminator: string;
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly hub = new PeerHub(() => {});

  constructor(options: ScannerSimulatorOptions = {}) {
    this.terminator = options.terminator ?? '\r';
    this.prefix = options.prefix ?? '';
    this.suffix = options.suffix ?? '';
  }

  listenTcp(port?: number, host?: string): Promise<{ port: number; url: string }> {
    return this.hub.listenTcp(port, host);
  }

  attachPath(path: string, link?: Partial<SerialLink>): Promise<void> {
    return this.hub.attachPath(path, link);
  }

  scan(code: string): Promise<void> {
    return this.send(`${this.prefix}${code}${this.suffix}${this.terminator}`);
  }

  /** Raw bytes as they are, for a scan split across writes or line noise. */
  send(bytes: string | Buffer): Promise<void> {
    return this.hub.broadcast(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  }

  get peers(): number {
    return this.hub.size;
  }

  close(): Promise<void> {
    return this.hub.close();
  }
}
