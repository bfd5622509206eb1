import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config.errors';
import { SETTING_NAMES } from './config.schema';
import { parseConfig } from './parse-config';
import { redactConfig } from './redact-config';

const SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const SEED_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'; // RFC 8032 test 1

const minimal = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/spv',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  SERVICE_SIGNING_KEY: SEED,
  CHAIN_NODE_URL: 'http://127.0.0.1:1848/',
};

function issuesOf(env: Record<string, string | undefined>) {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('builds the full configuration from the required settings and defaults', () => {
    const config = parseConfig(minimal);
    expect(config.environment).toBe('development');
    expect(config.api).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://127.0.0.1:3000',
      apiKeyEnvironment: 'test',
    });
    expect(config.chain.networks).toEqual([{ networkId: 'development', nodeUrl: 'http://127.0.0.1:1848' }]);
    expect(config.chain.defaultNetwork).toBe(config.chain.networks[0]);
    expect(config.s3).toMatchObject({
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
      bucket: 'spv-cloud-proofs',
    });
    expect(config.signing.publicKeyHex).toBe(SEED_PUBLIC);
    expect(config.signing.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(config.stripe).toBeNull();
    expect(config.worker).toEqual({
      concurrency: 4,
      batchWindowMs: 1000,
      batchMaxSize: 2000,
      proofCacheTtlSeconds: 86_400,
      retentionSweepIntervalMs: 3_600_000,
    });
  });

  it('returns a deeply frozen object', () => {
    const config = parseConfig(minimal);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.api.anonymousRateLimit)).toBe(true);
    expect(Object.isFrozen(config.chain.networks)).toBe(true);
    expect(() => {
      (config.api as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('names every missing required setting at once', () => {
    const settings = issuesOf({}).map((issue) => issue.setting);
    expect(settings).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'REDIS_URL',
        'JWT_SECRET',
        'SERVICE_SIGNING_KEY',
        'CHAIN_NODE_URL',
      ]),
    );
    expect(issuesOf({}).find((issue) => issue.setting === 'DATABASE_URL')?.message).toBe('is required');
  });

  it('treats empty values as unset', () => {
    expect(issuesOf({ ...minimal, DATABASE_URL: '' })).toEqual([
      { setting: 'DATABASE_URL', message: 'is required' },
    ]);
    expect(parseConfig({ ...minimal, PORT: '' }).api.port).toBe(3000);
  });

  it.each([
    ['PORT', 'seventy'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://h/db'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['JWT_SECRET', 'short'],
    ['SERVICE_SIGNING_KEY', 'not-a-key'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'maybe'],
    ['S3_BUCKET', 'A'],
    ['CORS_ORIGINS', 'http://ok.example, not a url'],
    ['STRIPE_SECRET_KEY', 'pk_test_123'],
  ])('rejects a bad %s (%j) and names it', (setting, value) => {
    expect(issuesOf({ ...minimal, [setting]: value }).map((issue) => issue.setting)).toContain(setting);
  });

  it('accepts a PKCS#8 PEM signing key with escaped newlines', () => {
    const pem =
      '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\\n-----END PRIVATE KEY-----';
    expect(parseConfig({ ...minimal, SERVICE_SIGNING_KEY: pem }).signing.publicKeyHex).toBe(SEED_PUBLIC);
  });

  describe('chain networks', () => {
    const networks = JSON.stringify([
      { networkId: 'testnet04', nodeUrl: 'https://api.testnet.chainweb.com' },
      { networkId: 'development', nodeUrl: 'http://127.0.0.1:1848' },
    ]);

    it('reads CHAIN_NETWORKS as JSON and picks the default network', () => {
      const { CHAIN_NODE_URL: _unused, ...rest } = minimal;
      const config = parseConfig({ ...rest, CHAIN_NETWORKS: networks, CHAIN_DEFAULT_NETWORK: 'development' });
      expect(config.chain.networks.map((network) => network.networkId)).toEqual(['testnet04', 'development']);
      expect(config.chain.defaultNetwork.networkId).toBe('development');
    });

    it('rejects malformed JSON, unknown defaults, duplicates and both forms at once', () => {
      const { CHAIN_NODE_URL: _unused, ...rest } = minimal;
      expect(issuesOf({ ...rest, CHAIN_NETWORKS: '[{' }).map((issue) => issue.setting)).toEqual([
        'CHAIN_NETWORKS',
      ]);
      expect(
        issuesOf({ ...rest, CHAIN_NETWORKS: '[{"networkId":"x","nodeUrl":"ftp://h"}]' })[0]?.setting,
      ).toBe('CHAIN_NETWORKS');
      expect(
        issuesOf({ ...rest, CHAIN_NETWORKS: networks, CHAIN_DEFAULT_NETWORK: 'mainnet01' })[0]?.setting,
      ).toBe('CHAIN_DEFAULT_NETWORK');
      const twice = JSON.stringify([
        { networkId: 'development', nodeUrl: 'http://a' },
        { networkId: 'development', nodeUrl: 'http://b' },
      ]);
      expect(issuesOf({ ...rest, CHAIN_NETWORKS: twice })[0]?.message).toMatch(/twice/);
      expect(issuesOf({ ...minimal, CHAIN_NETWORKS: networks })[0]?.setting).toBe('CHAIN_NODE_URL');
    });
  });

  describe('settings that go together', () => {
    it('requires both S3 keys or neither, and defaults path style for custom endpoints', () => {
      expect(issuesOf({ ...minimal, S3_ACCESS_KEY_ID: 'S3RVER' })[0]?.setting).toBe('S3_SECRET_ACCESS_KEY');
      const config = parseConfig({
        ...minimal,
        S3_ENDPOINT: 'http://127.0.0.1:4569',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
      });
      expect(config.s3).toMatchObject({
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
    });

    it('requires the webhook secret with a Stripe key and parses a fake Stripe URL', () => {
      expect(issuesOf({ ...minimal, STRIPE_SECRET_KEY: 'sk_test_abc' })[0]?.setting).toBe(
        'STRIPE_WEBHOOK_SECRET',
      );
      const config = parseConfig({
        ...minimal,
        STRIPE_SECRET_KEY: 'sk_test_abc',
        STRIPE_WEBHOOK_SECRET: 'whsec_abc',
        STRIPE_API_URL: 'http://127.0.0.1:12111',
      });
      expect(config.stripe?.apiUrl).toEqual({ protocol: 'http', host: '127.0.0.1', port: 12111 });
    });

    it('requires a signing key for the anchor sender account', () => {
      expect(issuesOf({ ...minimal, ANCHOR_SENDER_ACCOUNT: 'k:abc' })[0]?.setting).toBe('ANCHOR_SIGNING_KEY');
    });

    it('refuses test-mode keys in production and defaults production API keys to live', () => {
      expect(issuesOf({ ...minimal, NODE_ENV: 'production', API_KEY_ENVIRONMENT: 'test' })[0]?.setting).toBe(
        'API_KEY_ENVIRONMENT',
      );
      expect(parseConfig({ ...minimal, NODE_ENV: 'production' }).api.apiKeyEnvironment).toBe('live');
    });
  });

  it('ignores variables it does not know', () => {
    expect(() => parseConfig({ ...minimal, HOME: '/root', npm_config_x: 'y' })).not.toThrow();
  });
});

describe('redactConfig', () => {
  it('hides secrets and passwords', () => {
    const config = parseConfig({
      ...minimal,
      DATABASE_URL: 'postgresql://app:hunter2@db/spv',
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
    });
    const text = JSON.stringify(redactConfig(config));
    for (const secret of ['hunter2', 'x'.repeat(32), 'sk_test_abc', 'whsec_abc', SEED])
      expect(text).not.toContain(secret);
    expect(text).toContain(config.signing.keyId);
  });
});

describe('.env.example', () => {
  it('documents every setting', () => {
    const example = readFileSync(resolve(__dirname, '../../../.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect(SETTING_NAMES.filter((name) => !documented.has(name))).toEqual([]);
    expect(
      [...documented].filter((name) => !(SETTING_NAMES as readonly string[]).includes(name as string)),
    ).toEqual([]);
  });
});
