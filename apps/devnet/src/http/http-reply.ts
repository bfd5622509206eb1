import type { IncomingMessage, ServerResponse } from 'node:http';

/** servant's content types (Servant.API.ContentTypes): JSON answers carry charset=utf-8. */
export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';
export const OBJECT_HEADER_CONTENT_TYPE = 'application/json;blockheader-encoding=object';
export const TEXT_CONTENT_TYPE = 'text/plain;charset=utf-8';
export const OCTET_STREAM = 'application/octet-stream';

export interface HttpReply {
  readonly status: number;
  readonly contentType?: string;
  readonly body: string | Buffer;
}

export const jsonReply = (value: unknown, status = 200): HttpReply => ({
  status,
  contentType: JSON_CONTENT_TYPE,
  body: JSON.stringify(value),
});

/** A JSON answer whose text is already encoded (byte-exact forms). */
export const jsonTextReply = (text: string, contentType = JSON_CONTENT_TYPE): HttpReply => ({
  status: 200,
  contentType,
  body: text,
});

/**
 * An error answer as chainweb-node gives it: servant's `setErrText` (plain text), `setErrJSON`
 * (JSON), or an empty body (route not found, gateway timeout).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType: string | undefined = body === '' ? undefined : TEXT_CONTENT_TYPE,
  ) {
    super(`${status} ${body}`);
  }

  static text(status: number, text: string): HttpError {
    return new HttpError(status, text, TEXT_CONTENT_TYPE);
  }

  static json(status: number, value: unknown): HttpError {
    return new HttpError(status, JSON.stringify(value), JSON_CONTENT_TYPE);
  }

  /** servant's answer for a path no route matches (and for chains the devnet does not have). */
  static notFound(): HttpError {
    return new HttpError(404, '');
  }

  /** BlockHeaderDB/Payload REST servers' 404 for an unknown hash. */
  static keyNotFound(key: string): HttpError {
    return HttpError.json(404, { reason: 'key not found', key });
  }
}

/** A parsed request as route handlers see it. */
export interface RouteContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The request body as text (read once, size-limited). */
  body(): Promise<string>;
  /** Resolves when the client goes away (long polls and streams stop waiting). */
  readonly closed: Promise<void>;
}

/** A handler answers with a reply, or returns undefined after writing the response itself (streams). */
export type RouteHandler = (context: RouteContext) => Promise<HttpReply | undefined> | HttpReply | undefined;

export interface Route {
  readonly method: 'GET' | 'POST';
  /** e.g. `/chainweb/0.0/development/chain/:chain/header/:hash` */
  readonly path: string;
  readonly handler: RouteHandler;
}
