import fc from 'fast-check';
import { SseParser, type ServerSentEvent } from './sse-parser';

const STREAM =
  ': keep-alive comment\n' +
  'event: BlockHeader\n' +
  'data: {"a":1}\n' +
  '\n' +
  'event: BlockHeader\r\n' +
  'id: 7\r\n' +
  'data: line one\r\n' +
  'data:line two\r\n' +
  'retry: 3000\r\n' +
  '\r\n' +
  'data: no event name\r' +
  '\r' +
  'event: ignored without data\n' +
  '\n' +
  'data: ünïcödé ✓\n' +
  'unknown: field\n' +
  '\n' +
  'data: not terminated';

const EXPECTED: ServerSentEvent[] = [
  { event: 'BlockHeader', data: '{"a":1}' },
  { event: 'BlockHeader', data: 'line one\nline two', id: '7', retry: 3000 },
  { event: 'message', data: 'no event name' },
  { event: 'message', data: 'ünïcödé ✓' },
];

describe('SseParser', () => {
  it('parses fields, line endings, comments and multi-line data', () => {
    const parser = new SseParser();
    expect(parser.feed(STREAM)).toEqual(EXPECTED);
    expect(parser.lastEventId).toBe('7');
    // The unterminated event is dispatched once its blank line arrives.
    expect(parser.feed('\n\n')).toEqual([{ event: 'message', data: 'not terminated' }]);
  });

  it('gives the same events however the stream is split into chunks', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 30 }),
        (cuts) => {
          const points = [0, ...[...cuts].sort((a, b) => a - b), STREAM.length];
          const parser = new SseParser();
          const events: ServerSentEvent[] = [];
          for (let i = 1; i < points.length; i++)
            events.push(...parser.feed(STREAM.slice(points[i - 1], points[i])));
          expect(events).toEqual(EXPECTED);
        },
      ),
    );
  });

  it('treats a CR at the end of one chunk and an LF at the start of the next as one line end', () => {
    const parser = new SseParser();
    expect(parser.feed('data: a\r')).toEqual([]);
    expect(parser.feed('\n\r')).toEqual([{ event: 'message', data: 'a' }]);
    expect(parser.feed('\ndata: b\n\n')).toEqual([{ event: 'message', data: 'b' }]);
  });
});
