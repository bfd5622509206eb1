import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type ScriptedHandler = (
  request: RecordedRequest,
  response: ServerResponse,
  socket: Socket,
) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 (port 0) for client tests: every request is recorded and answered by
 * `handler`, which can delay, drop the connection, or answer any status and body.
 */
export class ScriptedHttpServer {
  readonly requests: RecordedRequest[] = [];
  handler: ScriptedHandler = (_req, res) => {
    res.writeHead(500).end('no handler');
  };
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(recorded);
        Promise.resolve(this.handler(recorded, res, req.socket)).catch((error: unknown) => {
          if (!res.headersSent) res.writeHead(500).end(String(error));
        });
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<ScriptedHttpServer> {
    const instance = new ScriptedHttpServer();
    await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Answers in order, then repeats the last. */
  respondWith(...handlers: ScriptedHandler[]): void {
    let i = 0;
    this.handler = (req, res, socket) => handlers[Math.min(i++, handlers.length - 1)]!(req, res, socket);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const json =
  (status: number, body: unknown): ScriptedHandler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
  };

export const text =
  (status: number, body: string): ScriptedHandler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain;charset=utf-8' }).end(body);
  };

/** Closes the connection without an answer. */
export const drop: ScriptedHandler = (_req, _res, socket) => {
  socket.destroy();
};

/** Sends the status line, headers and half a body, then closes the connection. */
export const dropMidBody: ScriptedHandler = (_req, res, socket) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"hashes":');
  setTimeout(() => socket.destroy(), 10);
};

export const delay =
  (ms: number, then: ScriptedHandler): ScriptedHandler =>
  (req, res, socket) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (!socket.destroyed) void then(req, res, socket);
        resolve();
      }, ms);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
