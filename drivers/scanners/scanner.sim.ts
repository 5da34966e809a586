import type { SerialLink } from '../../app/domain';
import { PeerHub } from '../serial/peer-hub';

export interface ScannerSimulatorOptions {
  terminator?: string;
  prefix?: string;
}

/** A serial barcode scanner: `scan()` sends prefix + code + terminator to everyone connected, like a trigger pull. */
export class ScannerSimulator {
  private readonly terminator: string;
  private readonly prefix: string;
  private readonly hub = new PeerHub(() => {});

  constructor(options: ScannerSimulatorOptions = {}) {
    this.terminator = options.terminator ?? '\r';
    this.prefix = options.prefix ?? '';
  }

  listenTcp(port?: number, host?: string): Promise<{ port: number; url: string }> {
    return this.hub.listenTcp(port, host);
  }

  attachPath(path: string, link?: Partial<SerialLink>): Promise<void> {
    return this.hub.attachPath(path, link);
  }

  scan(code: string): Promise<void> {
    return this.hub.broadcast(Buffer.from(`${this.prefix}${code}${this.terminator}`, 'utf8'));
  }

  get peers(): number {
    return this.hub.size;
  }

  close(): Promise<void> {
    return this.hub.close();
  }
}
