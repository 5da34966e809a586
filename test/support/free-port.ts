import net from 'node:net';

/** Listens on an ephemeral port of 127.0.0.1 and resolves with the port the system chose. */
export async function listenLocal(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** A port nothing listens on (a printer that is off): bind, read the port, close. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  const port = await listenLocal(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
