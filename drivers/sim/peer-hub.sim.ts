import net from 'node:net';
import { SerialLinkSchema, type SerialLink } from '../../app/domain';
import { openByteLink, type ByteLink } from '../serial/byte-link';
import { SocketByteLink } from '../serial/socket-byte-link';

/**
 * The device side of a simulator: the links it serves, whether accepted on a TCP port (like a Moxa in TCP
 * server mode) or opened on a serial path (the far end of a PTY pair, or a real null-modem cable).
 */
export class PeerHub {
  private readonly peers = new Set<ByteLink>();
  private readonly servers = new Set<net.Server>();

  constructor(private readonly onPeer: (peer: ByteLink) => void) {}

  async listenTcp(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    const server = net.createServer((socket) => this.add(new SocketByteLink(socket)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.servers.add(server);
    const address = server.address();
    const bound = typeof address === 'object' && address !== null ? address.port : port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return { port: bound, url: `tcp://${shownHost}:${bound}` };
  }

  async attachPath(path: string, link: Partial<SerialLink> = {}): Promise<void> {
    this.add(await openByteLink(SerialLinkSchema.parse({ ...link, path })));
  }

  /** Writes to every connected peer; a peer that fails is dropped, not fatal. */
  async broadcast(data: Buffer): Promise<void> {
    await Promise.all([...this.peers].map((peer) => peer.write(data).catch(() => this.drop(peer))));
  }

  get size(): number {
    return this.peers.size;
  }

  async close(): Promise<void> {
    const servers = [...this.servers];
    this.servers.clear();
    const closing = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    await Promise.all([...this.peers].map((peer) => this.drop(peer)));
    await Promise.all(closing);
  }

  private add(peer: ByteLink): void {
    this.peers.add(peer);
    peer.onClose(() => this.peers.delete(peer));
    this.onPeer(peer);
  }

  private async drop(peer: ByteLink): Promise<void> {
    this.peers.delete(peer);
    await peer.close().catch(() => {});
  }
}
