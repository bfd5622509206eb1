/** One event of a text/event-stream (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface ServerSentEvent {
  /** The `event:` field; "message" when absent. */
  readonly event: string;
  /** The `data:` lines joined with "\n". */
  readonly data: string;
  readonly id?: string;
  /** A `retry:` field (reconnection delay in ms) sent with this event. */
  readonly retry?: number;
}

/**
 * Incremental parser: feed decoded text as it arrives (chunks may split lines, CRLF pairs and
 * multi-byte characters anywhere: decode with a streaming TextDecoder) and collect complete events.
 */
export class SseParser {
  private buffer = '';
  private pendingCr = false;
  private eventType = '';
  private dataLines: string[] = [];
  private hasData = false;
  private id: string | undefined;
  private retry: number | undefined;
  /** The last event id seen (for Last-Event-ID on reconnection). */
  lastEventId: string | undefined;

  feed(chunk: string): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    let text = chunk;
    if (this.pendingCr) {
      // A CR at the end of the previous chunk already ended its line; skip the LF of a CRLF pair.
      if (text.startsWith('\n')) text = text.slice(1);
      this.pendingCr = false;
    }
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): ServerSentEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\u0000')) this.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): ServerSentEvent | undefined {
    if (this.id !== undefined) this.lastEventId = this.id;
    const event: ServerSentEvent | undefined = this.hasData
      ? {
          event: this.eventType || 'message',
          data: this.dataLines.join('\n'),
          ...(this.id === undefined ? {} : { id: this.id }),
          ...(this.retry === undefined ? {} : { retry: this.retry }),
        }
      : undefined;
    this.eventType = '';
    this.dataLines = [];
    this.hasData = false;
    this.id = undefined;
    this.retry = undefined;
    return event;
  }
}
