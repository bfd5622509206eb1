import fc from 'fast-check';
import { ChainClientError } from '../chain-client.errors';
import { ChainwebNodeClient } from '../chainweb-node.client';
import { ScriptedHttpServer, delay, drop, dropMidBody, json, text } from '../../test/scripted-http-server';
import { backoffCapMs, backoffDelayMs, resolveRetryPolicy, type RetryPolicy } from './retry-policy';
import { ChainwebHttp, type RetryEvent } from './chainweb-http';

const CUT = {
  hashes: { '0': { height: 10, hash: 'ou0pgjIiBBRmeyS7-v31zufIx_lxwdUr68bwsZfMzCk' } },
  origin: null,
  weight: 'AAAA',
  height: 10,
  instance: 'mainnet01',
  id: 'ou0pgjIiBBRmeyS7-v31zufIx_lxwdUr68bwsZfMzCk',
};

let server: ScriptedHttpServer;
let sleeps: number[];
let retries: RetryEvent[];

beforeAll(async () => {
  server = await ScriptedHttpServer.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.requests.length = 0;
  sleeps = [];
  retries = [];
});

function client(
  retry: Partial<RetryPolicy> = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
  timeoutMs = 2_000,
): ChainwebNodeClient {
  return new ChainwebNodeClient(
    { name: 'test', baseUrl: server.baseUrl, chainwebVersion: 'mainnet01', chainIds: [0], timeoutMs, retry },
    {
      // Record the backoff instead of waiting it out; jitter fixed at its maximum.
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.999,
      onRetry: (event) => retries.push(event),
    },
  );
}

async function failure(promise: Promise<unknown>): Promise<ChainClientError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChainClientError);
    return error as ChainClientError;
  }
  throw new Error('expected a ChainClientError');
}

describe('retries', () => {
  it('retries 5xx and succeeds within the attempt bound', async () => {
    server.respondWith(text(503, 'busy'), text(502, 'bad gateway'), json(200, CUT));
    const cut = await client().cut();
    expect(cut.height).toBe(10);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([99, 199]);
    expect(retries.map((r) => [r.attempt, r.error.code, r.error.status])).toEqual([
      [1, 'unavailable', 503],
      [2, 'unavailable', 502],
    ]);
  });

  it('gives up after maxAttempts on persistent 5xx with the last error', async () => {
    server.respondWith(text(500, 'boom'));
    const error = await failure(client().cut());
    expect(error).toMatchObject({
      code: 'unavailable',
      status: 500,
      attempts: 3,
      retryable: true,
      endpoint: 'GET /cut',
    });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it.each([
    [400, 'Request Key abc has incorrect hash of length 3', 'bad_request'],
    [404, JSON.stringify({ reason: 'key not found', key: 'abc' }), 'not_found'],
    [403, 'forbidden', 'forbidden'],
    [429, 'slow down', 'rate_limited'],
  ])('never retries a %i', async (status, body, code) => {
    server.respondWith(text(status, body));
    const error = await failure(client().cut());
    expect(error).toMatchObject({ code, status, attempts: 1, retryable: false });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries dropped connections', async () => {
    server.respondWith(drop, dropMidBody, json(200, CUT));
    expect((await client().cut()).id).toBe(CUT.id);
    expect(retries.map((r) => r.error.code)).toEqual(['unavailable', 'unavailable']);
  });

  it('reports a connection failure when every attempt is dropped', async () => {
    server.respondWith(drop);
    const error = await failure(client({ maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 }).cut());
    expect(error).toMatchObject({ code: 'unavailable', attempts: 2 });
    expect(error.message).toMatch(/connection failed/);
  });

  it('reports a refused connection as unavailable', async () => {
    const closed = await ScriptedHttpServer.start();
    const baseUrl = closed.baseUrl;
    await closed.stop();
    const dead = new ChainwebNodeClient(
      {
        name: 'dead',
        baseUrl,
        chainwebVersion: 'mainnet01',
        chainIds: [0],
        retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
      },
      { sleep: () => Promise.resolve() },
    );
    const error = await failure(dead.cut());
    expect(error).toMatchObject({ code: 'unavailable', attempts: 2 });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

describe('timeouts', () => {
  it('aborts each attempt after timeoutMs and retries it', async () => {
    server.respondWith(delay(1_000, json(200, CUT)), json(200, CUT));
    const started = Date.now();
    expect((await client(undefined, 150).cut()).height).toBe(10);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(900);
    expect(retries.map((r) => r.error.code)).toEqual(['timeout']);
  });

  it('fails with timeout when no attempt answers in time', async () => {
    server.respondWith(delay(2_000, json(200, CUT)));
    const started = Date.now();
    const error = await failure(client({ maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 }, 100).cut());
    expect(error).toMatchObject({ code: 'timeout', attempts: 2, retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(server.requests).toHaveLength(2);
  });

  it('a per-call timeout overrides the network one', async () => {
    server.respondWith(delay(400, json(200, CUT)));
    const error = await failure(client({ maxAttempts: 1 }, 5_000).cut({ timeoutMs: 50 }));
    expect(error.code).toBe('timeout');
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    server.respondWith(delay(2_000, json(200, CUT)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client().cut({ signal: controller.signal }));
    expect(error).toMatchObject({ code: 'aborted', attempts: 1, retryable: false });
    expect(server.requests).toHaveLength(1);
  });
});

describe('backoff with full jitter', () => {
  const policy = resolveRetryPolicy({ maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 });

  it('caps grow exponentially up to maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6, 40].map((r) => backoffCapMs(r, policy))).toEqual([
      100, 200, 400, 800, 1_000, 1_000, 1_000,
    ]);
  });

  it('delays stay within [0, cap] for any random value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, r) => {
          const delayMs = backoffDelayMs(retry, policy, () => r);
          return delayMs >= 0 && delayMs <= backoffCapMs(retry, policy) && Number.isInteger(delayMs);
        },
      ),
    );
    expect(backoffDelayMs(3, policy, () => Number.NaN)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 7)).toBe(400);
  });

  it('spreads real delays over the whole range', () => {
    const delays = Array.from({ length: 2_000 }, () => backoffDelayMs(4, policy));
    expect(Math.min(...delays)).toBeLessThan(80);
    expect(Math.max(...delays)).toBeGreaterThan(720);
    expect(Math.max(...delays)).toBeLessThanOrEqual(800);
  });

  it('rejects nonsensical policies', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(RangeError);
  });

  it('sleeps for real between attempts by default', async () => {
    server.respondWith(text(503, 'busy'), json(200, CUT));
    const http = new ChainwebHttp({
      baseUrl: server.baseUrl,
      timeoutMs: 1_000,
      retry: { maxAttempts: 2, baseDelayMs: 60, maxDelayMs: 60 },
      random: () => 0.999,
    });
    const started = Date.now();
    const response = await http.request({ method: 'GET', path: '/x', endpoint: 'GET /x', kind: 'other' });
    expect(response).toMatchObject({ status: 200, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });
});
