import { Writable } from 'node:stream';
import { createLogger, createUnredactedChild } from './logger';
import { bindTenantToRequestContext, runWithRequestContext } from './request-context';

function memoryDestination(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes requestId and tenantId on every line, null outside a request', async () => {
    const destination = memoryDestination();
    const logger = createLogger({ service: 'test', level: 'info', destination: destination.stream });
    logger.info('outside');
    await runWithRequestContext('req-1', async () => {
      logger.info('before auth');
      await Promise.resolve();
      bindTenantToRequestContext('tenant-a', 'user:u1');
      logger.info({ extra: 1 }, 'after auth');
    });
    const [outside, before, after] = destination.lines();
    expect(outside).toMatchObject({
      msg: 'outside',
      requestId: null,
      tenantId: null,
      service: 'test',
      level: 'info',
    });
    expect(before).toMatchObject({ msg: 'before auth', requestId: 'req-1', tenantId: null });
    expect(after).toMatchObject({ msg: 'after auth', requestId: 'req-1', tenantId: 'tenant-a', extra: 1 });
  });

  it('redacts secrets wherever they appear one level deep', () => {
    const destination = memoryDestination();
    const logger = createLogger({ service: 'test', level: 'info', destination: destination.stream });
    logger.info({ body: { password: 'hunter2', email: 'a@b.c' }, refreshToken: 'rt' }, 'login');
    const [line] = destination.lines();
    expect(line).toMatchObject({
      body: { password: '[redacted]', email: 'a@b.c' },
      refreshToken: '[redacted]',
    });
  });

  it('keeps concurrent requests apart', async () => {
    const destination = memoryDestination();
    const logger = createLogger({ service: 'test', level: 'info', destination: destination.stream });
    await Promise.all(
      ['r1', 'r2', 'r3'].map((id) =>
        runWithRequestContext(id, async () => {
          bindTenantToRequestContext(`t-${id}`, `user:${id}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          logger.info(id);
        }),
      ),
    );
    for (const line of destination.lines()) expect(line.tenantId).toBe(`t-${String(line.msg)}`);
  });
});

describe('createUnredactedChild', () => {
  it('keeps the mixin but skips redaction', () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString('utf8'));
        callback();
      },
    });
    const logger = createLogger({ service: 'test', level: 'info', destination: stream });
    runWithRequestContext('req-9', () =>
      createUnredactedChild(logger).info({ route: '/v1/me', token: 'kept' }, 'access'),
    );
    expect(JSON.parse(chunks.join(''))).toMatchObject({ requestId: 'req-9', route: '/v1/me', token: 'kept' });
  });
});
