import { Readable } from 'node:stream';
import { readNdjsonEvents } from './ndjson-events.reader';

const limits = { maxBytes: 1_000, maxEvents: 3 };
const streamOf = (...chunks: (string | Buffer)[]) =>
  Readable.from(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));

describe('readNdjsonEvents', () => {
  it('reads one object per line across chunk boundaries, ignoring blank lines and CRLF', async () => {
    await expect(
      readNdjsonEvents(streamOf('{"a":1}\n\n{"b"', ':2}\r\n{"c":"é', '"}'), limits),
    ).resolves.toEqual([{ a: 1 }, { b: 2 }, { c: 'é' }]);
  });

  it('keeps a multi-byte character split across chunks intact', async () => {
    const text = Buffer.from('{"c":"€"}\n');
    await expect(readNdjsonEvents(streamOf(text.subarray(0, 7), text.subarray(7)), limits)).resolves.toEqual([
      { c: '€' },
    ]);
  });

  it('names the first bad line', async () => {
    await expect(readNdjsonEvents(streamOf('{"a":1}\n{oops\n'), limits)).rejects.toMatchObject({
      code: 'malformed_ndjson',
      invalidParams: [{ name: 'line 2', reason: 'is not valid JSON' }],
    });
    await expect(readNdjsonEvents(streamOf('[1]\n'), limits)).rejects.toMatchObject({
      code: 'malformed_ndjson',
      invalidParams: [{ name: 'line 1', reason: expect.stringContaining('one JSON object') }],
    });
  });

  it('stops at the event and byte limits', async () => {
    await expect(readNdjsonEvents(streamOf('{}\n{}\n{}\n{}\n'), limits)).rejects.toMatchObject({
      code: 'too_many_events',
      status: 413,
    });
    await expect(readNdjsonEvents(streamOf('x'.repeat(600), 'x'.repeat(600)), limits)).rejects.toMatchObject({
      code: 'payload_too_large',
      status: 413,
    });
  });
});
