import {
  devnetEnvironment,
  planStart,
  quickStartReadiness,
  redactUrl,
  resolveEnvironment,
  type StartInput,
} from './plan.mjs';

const nothingBuilt = { devnet: false, api: false, worker: false, portal: false };
const everythingBuilt = { devnet: true, api: true, worker: true, portal: true };

function input(overrides: Partial<StartInput> = {}): StartInput {
  return {
    env: {},
    reachable: { postgres: false, redis: false },
    redisServerOnPath: true,
    built: everythingBuilt,
    servicesOnly: false,
    ...overrides,
  };
}

describe('planStart', () => {
  it('runs everything locally on a fresh clone', () => {
    const plan = planStart(input());
    expect(plan).toMatchObject({
      errors: [],
      warnings: [],
      postgres: { mode: 'embedded' },
      redis: { mode: 'redis-server' },
      s3: { mode: 's3rver' },
      chain: { mode: 'devnet' },
      apps: { api: true, worker: true, portal: true },
    });
  });

  it('reuses configured services that answer', () => {
    const env = {
      DATABASE_URL: 'postgresql://u:p@db/spv',
      REDIS_URL: 'redis://cache:6379',
      S3_ENDPOINT: 'http://minio:9000',
      CHAIN_NODE_URL: 'http://node:1848',
    };
    const plan = planStart(input({ env, reachable: { postgres: true, redis: true } }));
    expect(plan).toMatchObject({
      errors: [],
      warnings: [],
      postgres: { mode: 'external', url: env.DATABASE_URL },
      redis: { mode: 'external', url: env.REDIS_URL },
      s3: { mode: 'external' },
      chain: { mode: 'external' },
    });
  });

  it('falls back to local services with a warning when configured ones do not answer (development)', () => {
    const plan = planStart(
      input({ env: { DATABASE_URL: 'postgresql://u:secret@db/spv', REDIS_URL: 'redis://cache:6379' } }),
    );
    expect(plan.postgres.mode).toBe('embedded');
    expect(plan.redis.mode).toBe('redis-server');
    expect(plan.warnings).toHaveLength(2);
    expect(plan.warnings.join(' ')).not.toContain('secret');
  });

  it('explains in one line how to provide Redis when redis-server is missing', () => {
    const plan = planStart(input({ redisServerOnPath: false }));
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatch(/REDIS_URL .*redis-server/);
    expect(plan.errors[0]).not.toContain('\n');
  });

  it('never substitutes local services in production', () => {
    const plan = planStart(
      input({
        env: { NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/spv', REDIS_URL: 'redis://cache' },
      }),
    );
    expect(plan.errors).toHaveLength(2);
    expect(plan.s3.mode).toBe('external');
    expect(plan.chain.mode).toBe('none');
    expect(planStart(input({ env: { NODE_ENV: 'production' } })).errors[0]).toMatch(
      /DATABASE_URL is required/,
    );
  });

  it('uses the devnet only when no chain is configured and it is built', () => {
    expect(planStart(input({ env: { CHAIN_NETWORKS: '[]' } })).chain.mode).toBe('external');
    const unbuilt = planStart(input({ built: nothingBuilt }));
    expect(unbuilt.chain.mode).toBe('none');
    expect(unbuilt.warnings[0]).toMatch(/devnet is not built/);
  });

  it('starts only the apps that are built, and none with --services-only', () => {
    expect(planStart(input({ built: { ...nothingBuilt, api: true } })).apps).toEqual({
      api: true,
      worker: false,
      portal: false,
    });
    expect(planStart(input({ servicesOnly: true })).apps).toEqual({
      api: false,
      worker: false,
      portal: false,
    });
  });
});

describe('resolveEnvironment', () => {
  const secrets = { jwtSecret: 'j'.repeat(40), serviceSigningKey: 'ab'.repeat(32), postgresPassword: 'pw' };
  const endpoints = {
    postgresUrl: 'postgresql://postgres:pw@127.0.0.1:54329/spv_cloud',
    redisUrl: 'redis://127.0.0.1:63790',
    s3Endpoint: 'http://127.0.0.1:45690',
    devnetUrl: 'http://127.0.0.1:1848',
    portalUrl: 'http://127.0.0.1:8080',
  };

  it('points every process at the local services and fills development secrets', () => {
    const env = resolveEnvironment(
      { PATH: '/bin', CORS_ORIGINS: 'https://x.example' },
      planStart(input()),
      endpoints,
      secrets,
    );
    expect(env).toMatchObject({
      PATH: '/bin',
      NODE_ENV: 'development',
      DATABASE_URL: endpoints.postgresUrl,
      REDIS_URL: endpoints.redisUrl,
      S3_ENDPOINT: endpoints.s3Endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      CHAIN_NODE_URL: endpoints.devnetUrl,
      CHAIN_NETWORK_ID: 'development',
      JWT_SECRET: secrets.jwtSecret,
      SERVICE_SIGNING_KEY: secrets.serviceSigningKey,
      CORS_ORIGINS: 'https://x.example,http://127.0.0.1:8080',
    });
  });

  it('keeps what the user set', () => {
    const user = {
      DATABASE_URL: 'postgresql://u@db/spv',
      REDIS_URL: 'redis://cache',
      S3_ENDPOINT: 'http://minio:9000',
      CHAIN_NODE_URL: 'http://node:1848',
      JWT_SECRET: 'mine'.repeat(10),
      SERVICE_SIGNING_KEY: 'cd'.repeat(32),
    };
    const plan = planStart(input({ env: user, reachable: { postgres: true, redis: true } }));
    expect(resolveEnvironment(user, plan, endpoints, secrets)).toMatchObject(user);
  });

  it('drops unset variables and refuses a plan without its endpoint', () => {
    expect(
      resolveEnvironment({ EMPTY: undefined }, planStart(input()), endpoints, secrets),
    ).not.toHaveProperty('EMPTY');
    expect(() =>
      resolveEnvironment({}, planStart(input()), { ...endpoints, redisUrl: undefined }, secrets),
    ).toThrow(/redisUrl/);
  });
});

describe('devnetEnvironment', () => {
  it('gives the devnet its own port whichever variable it reads', () => {
    expect(devnetEnvironment({ PORT: '3000', DEVNET_PORT: '1999' })).toMatchObject({
      PORT: '1999',
      DEVNET_PORT: '1999',
    });
  });
});

describe('quickStartReadiness', () => {
  const up = { status: 'up' };
  const down = { status: 'down', error: 'unavailable' };

  it('goes ahead when the API is ready, or only the chain or object storage is down', () => {
    expect(quickStartReadiness(200, { checks: { postgres: up } })).toEqual({ seedable: true, down: [] });
    expect(quickStartReadiness(503, { checks: { postgres: up, redis: up, s3: down, chain: down } })).toEqual({
      seedable: true,
      down: ['s3', 'chain'],
    });
  });

  it('waits while the database or Redis is down, or the answer is not a readiness report', () => {
    expect(quickStartReadiness(503, { checks: { postgres: down, redis: up, chain: up } }).seedable).toBe(
      false,
    );
    expect(quickStartReadiness(503, { checks: { redis: { status: 'starting' } } }).seedable).toBe(false);
    expect(quickStartReadiness(503, { checks: {} }).seedable).toBe(false);
    expect(quickStartReadiness(502, 'Bad gateway')).toEqual({ seedable: false, down: [] });
  });
});

describe('redactUrl', () => {
  it('hides passwords only', () => {
    expect(redactUrl('postgresql://u:p@h/d')).toBe('postgresql://u:***@h/d');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
