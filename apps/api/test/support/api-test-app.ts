import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@spv-cloud/testing';
import { Redis } from 'ioredis';
import { createApiApp } from '../../src/bootstrap/create-api-app';
import type { ApiSettings } from '../../src/platform/config/api-settings';

export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** Settings for an app under test: its own database and Redis prefix, generous anonymous limits. */
export function testSettings(
  overrides: Partial<ApiSettings> & Pick<ApiSettings, 'databaseUrl' | 'redisKeyPrefix'>,
): ApiSettings {
  return {
    environment: 'test',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'info',
    bodyLimitBytes: 64 * 1024,
    trustProxy: false,
    corsOrigins: [],
    databasePoolSize: 5,
    redisUrl: TEST_REDIS_URL,
    auth: {
      jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
      jwtIssuer: 'spv-cloud-test',
      accessTokenTtlSeconds: 300,
      refreshTokenTtlSeconds: 3600,
    },
    apiKeyEnvironment: 'test',
    s3: {
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      bucket: 'spv-proofs',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    },
    chain: { nodeUrl: 'http://127.0.0.1:1', networkId: 'development' },
    anonymousRateLimit: { requestsPerMinute: 6000, burst: 1000 },
    apiKeyLastUsedFlushMs: 60_000,
    readinessTimeoutMs: 1_000,
    ...overrides,
  };
}

/** JSON log lines an app wrote, for assertions about logging. */
export class CapturedLogs {
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, callback) => {
      this.buffer += chunk.toString('utf8');
      callback();
    },
  });
  private buffer = '';

  lines(): Record<string, unknown>[] {
    return this.buffer
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: any;
  readonly text: string;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as-is (no JSON encoding), with `contentType`. */
  readonly rawBody?: string | Buffer;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  /** Client address as the server sees it (default 127.0.0.1). */
  readonly remoteAddress?: string;
}

/** One API instance under test (Fastify inject: no socket). */
export class ApiUnderTest {
  constructor(
    readonly app: NestFastifyApplication,
    readonly settings: ApiSettings,
    readonly logs: CapturedLogs,
  ) {}

  async request(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
    let body: unknown = undefined;
    const type = String(response.headers['content-type'] ?? '');
    if (response.body && type.includes('json')) body = JSON.parse(response.body);
    return { status: response.statusCode, headers: response.headers, body, text: response.body };
  }

  graphql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<TestResponse> {
    return this.request('POST', '/graphql', { body: { query, variables }, ...(token ? { token } : {}) });
  }
}

/** A test environment: one database, one Redis prefix, any number of API instances on them. */
export class ApiTestEnvironment {
  private readonly apps: ApiUnderTest[] = [];
  readonly redisKeyPrefix = `spvtest:${randomBytes(6).toString('hex')}:`;

  private constructor(readonly database: TestDatabase) {}

  static async create(): Promise<ApiTestEnvironment> {
    return new ApiTestEnvironment(await createTestDatabase());
  }

  async start(overrides: Partial<ApiSettings> = {}): Promise<ApiUnderTest> {
    const settings = testSettings({
      databaseUrl: this.database.url,
      redisKeyPrefix: this.redisKeyPrefix,
      ...overrides,
    });
    const logs = new CapturedLogs();
    const { app } = await createApiApp(settings, {
      logDestination: logs.stream,
      collectProcessMetrics: false,
    });
    await app.getHttpAdapter().getInstance().ready();
    const api = new ApiUnderTest(app, settings, logs);
    this.apps.push(api);
    return api;
  }

  async close(): Promise<void> {
    await Promise.all(this.apps.map((api) => api.app.close()));
    const redis = new Redis(TEST_REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.redisKeyPrefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    await this.database.drop();
  }
}
