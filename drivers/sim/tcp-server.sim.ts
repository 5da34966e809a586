/**
 * The raw-TCP side of a printer simulator: listens on a port, hands each connection's socket to the simulator as it
 * is (a printer simulator writes replies and resets connections itself, so it needs the socket, not a ByteLink) and
 * destroys every open connection on close, as a printer that is switched off does.
 */
import net from 'node:net';
import type { Server, Socket } from 'node:net';

export class TcpSimServer {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly onSocket: (socket: Socket) => void) {}

  listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    if (this.server) return Promise.reject(new Error('simulator already listening'));
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const address = server.address();
        const bound = typeof address === 'object' && address !== null ? address.port : port;
        resolve({ port: bound, url: `tcp://${host}:${bound}` });
      });
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    this.onSocket(socket);
  }
}
