import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Starts an HTTP server for a sandbox on `host:port` (0 = any free port); resolves once it accepts connections. */
export async function listenLocal(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string,
): Promise<{ server: Server; origin: string; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return { server, origin: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`, port: bound };
}

/** Drops open (keep-alive) connections so close() does not wait for clients, then closes. */
export async function closeLocal(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
