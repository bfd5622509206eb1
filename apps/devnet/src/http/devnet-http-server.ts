import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, type HttpReply, type RouteContext, TEXT_CONTENT_TYPE } from './http-reply';
import type { HttpRouter } from './http-router';

/** Request bodies above this size are refused (413); chainweb's service API takes batches of commands. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface DevnetHttpServerOptions {
  readonly host: string;
  readonly port: number;
  /** Unexpected failures (500s) are reported here. */
  readonly onError: (error: unknown) => void;
}

/**
 * The devnet's HTTP front: a plain node:http server dispatching to the router. Every failure becomes
 * an HTTP answer (HttpError as given, anything else 500), so no request can stop the devnet. `close`
 * ends streams and long polls and closes every connection.
 */
export class DevnetHttpServer {
  private readonly server: Server;
  private readonly openRequests = new Set<() => void>();

  constructor(
    private readonly router: HttpRouter,
    private readonly options: DevnetHttpServerOptions,
  ) {
    this.server = createServer((request, response) => {
      void this.dispatch(request, response);
    });
    this.server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    for (const end of [...this.openRequests]) end();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let endClosed!: () => void;
    const closed = new Promise<void>((resolve) => (endClosed = resolve));
    const end = (): void => {
      this.openRequests.delete(end);
      endClosed();
    };
    this.openRequests.add(end);
    response.on('close', end);
    try {
      const url = new URL(request.url ?? '/', 'http://devnet');
      const { handler, params } = this.router.match(request.method ?? 'GET', url.pathname);
      const context: RouteContext = {
        request,
        response,
        params,
        query: url.searchParams,
        body: once(() => readBody(request)),
        closed,
      };
      const reply = await handler(context);
      if (reply !== undefined) send(response, reply);
    } catch (error) {
      if (error instanceof HttpError) {
        send(response, {
          status: error.status,
          body: error.body,
          ...(error.contentType ? { contentType: error.contentType } : {}),
        });
      } else {
        this.options.onError(error);
        send(response, { status: 500, contentType: TEXT_CONTENT_TYPE, body: 'Something went wrong' });
      }
    }
  }
}

function send(response: ServerResponse, reply: HttpReply): void {
  if (response.headersSent) {
    if (!response.writableEnded) response.end();
    return;
  }
  const headers: Record<string, string | number> = {
    'access-control-allow-origin': '*',
    'content-length': Buffer.byteLength(reply.body),
  };
  if (reply.contentType !== undefined) headers['content-type'] = reply.contentType;
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}

function once<T>(run: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(HttpError.text(413, 'Request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
