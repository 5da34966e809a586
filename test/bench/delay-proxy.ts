/**
 * A proxy on 127.0.0.1 that holds every request `delayMs` before passing it on: the round trip to a remote Odoo, in
 * front of a sandbox on loopback. It counts the requests and times each answer of the server behind it.
 */
import { Agent, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocal, listenLocal } from '../../sync/sim/local-server.sim';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class DelayProxy {
  requests = 0;
  readonly serviceMs: number[] = [];
  private server: Server | null = null;
  private readonly agent = new Agent({ keepAlive: true });

  constructor(
    private readonly target: URL,
    private readonly delayMs: number,
  ) {}

  async listen(): Promise<string> {
    const { server, origin } = await listenLocal((req, res) => void this.forward(req, res), 0, '127.0.0.1');
    this.server = server;
    return origin;
  }

  async close(): Promise<void> {
    if (this.server) await closeLocal(this.server);
    this.agent.destroy();
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.requests += 1;
    if (this.delayMs > 0) await sleep(this.delayMs);
    const started = performance.now();
    const headers = { ...req.headers, host: this.target.host };
    const upstream = request({ host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers, agent: this.agent }, (reply) => {
      const body: Buffer[] = [];
      reply.on('data', (chunk: Buffer) => body.push(chunk));
      reply.on('end', () => {
        this.serviceMs.push(performance.now() - started);
        res.writeHead(reply.statusCode ?? 502, { 'content-type': reply.headers['content-type'] ?? 'text/plain' }).end(Buffer.concat(body));
      });
    });
    upstream.on('error', () => res.destroy());
    upstream.end(Buffer.concat(chunks));
  }
}
