import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { EventErrors } from './events.errors';

export interface NdjsonLimits {
  readonly maxBytes: number;
  readonly maxEvents: number;
}

/**
 * Reads an NDJSON upload (one JSON event object per line; blank lines ignored) from the request
 * stream, without the JSON body limit but under its own: more than `maxBytes` is 413
 * payload_too_large, more than `maxEvents` lines 413 too_many_events, a line that is not a JSON
 * object 400 malformed_ndjson naming the line. Reading stops at the first violation.
 */
export async function readNdjsonEvents(stream: Readable, limits: NdjsonLimits): Promise<unknown[]> {
  const events: unknown[] = [];
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let bytes = 0;
  let line = 0;

  const take = (text: string): void => {
    line += 1;
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (events.length >= limits.maxEvents)
      throw EventErrors.tooManyEvents(events.length + 1, limits.maxEvents);
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw EventErrors.malformedNdjson([{ name: `line ${line}`, reason: 'is not valid JSON' }]);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw EventErrors.malformedNdjson([
        { name: `line ${line}`, reason: 'must be one JSON object (an event)' },
      ]);
    }
    events.push(value);
  };

  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      bytes += buffer.length;
      if (bytes > limits.maxBytes) throw PlatformErrors.payloadTooLarge(limits.maxBytes);
      pending += decoder.write(buffer);
      let start = 0;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        take(pending.slice(start, newline));
        start = newline + 1;
        newline = pending.indexOf('\n', start);
      }
      pending = pending.slice(start);
    }
    pending += decoder.end();
    if (pending !== '') take(pending);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return events;
}
