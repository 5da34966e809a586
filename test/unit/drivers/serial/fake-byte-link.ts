import type { SerialLink } from '../../../../app/domain';
import type { ByteLink } from '../../../../drivers/serial/byte-link';
import { StationError } from '../../../../app/domain/errors';
import { ListenerSet } from '../../../../app/events/listener-set';

/** A ByteLink the test drives by hand: `receive()` bytes from the "device", `drop()` the cable. */
export class FakeByteLink implements ByteLink {
  readonly writes: Buffer[] = [];
  closed = false;
  private readonly data = new ListenerSet<Buffer>();
  private readonly closes = new ListenerSet<Error | undefined>();

  write(data: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new StationError('DEVICE', 'link is closed'));
    this.writes.push(Buffer.from(data));
    return Promise.resolve();
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.closes.add(listener);
  }

  close(): Promise<void> {
    this.finish(undefined);
    return Promise.resolve();
  }

  receive(bytes: string | Buffer): void {
    this.data.emit(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  drop(err = new Error('device unplugged')): void {
    this.finish(err);
  }

  get written(): string {
    return Buffer.concat(this.writes).toString('latin1');
  }

  private finish(err: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.closes.emit(err);
  }
}

/**
 * An `open` function that hands out FakeByteLinks, or fails while `failures` > 0, and records every attempt.
 * `hold()` makes the next open hang until `release()`, to test stop() racing an open.
 */
export class FakeOpener {
  readonly links: FakeByteLink[] = [];
  readonly attempts: SerialLink[] = [];
  failures = 0;
  private held: { resolve: (link: ByteLink) => void; link: FakeByteLink } | null = null;
  private holdNext = false;

  readonly open = (link: SerialLink): Promise<ByteLink> => {
    this.attempts.push(link);
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(new StationError('DEVICE', `${link.path}: serial port not found (unplugged, or wrong path)`));
    }
    const fake = new FakeByteLink();
    this.links.push(fake);
    if (this.holdNext) {
      this.holdNext = false;
      return new Promise((resolve) => {
        this.held = { resolve, link: fake };
      });
    }
    return Promise.resolve(fake);
  };

  hold(): void {
    this.holdNext = true;
  }

  release(): void {
    this.held?.resolve(this.held.link);
    this.held = null;
  }

  get last(): FakeByteLink {
    const link = this.links.at(-1);
    if (!link) throw new Error('no link opened yet');
    return link;
  }
}
