// Pure decisions of `npm start`: which services to reuse, which to run locally, and the environment
// every process then gets. No I/O here — probes and process management live in the other modules.

const DEFAULT_DEVNET_NETWORK_ID = 'development';

function isSet(value) {
  return value !== undefined && value !== '';
}

/** `postgresql://user:secret@host/db` → `postgresql://user:***@host/db`, for messages. */
export function redactUrl(value) {
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * @param {import('./plan.d.mts').StartInput} input
 * @returns {import('./plan.d.mts').StartPlan}
 */
export function planStart(input) {
  const { env, reachable, redisServerOnPath, built, servicesOnly } = input;
  const production = env.NODE_ENV === 'production';
  const errors = [];
  const warnings = [];

  let postgres;
  if (isSet(env.DATABASE_URL) && reachable.postgres) {
    postgres = { mode: 'external', url: env.DATABASE_URL };
  } else if (production) {
    errors.push(
      isSet(env.DATABASE_URL)
        ? `PostgreSQL is not reachable at ${redactUrl(env.DATABASE_URL)}.`
        : 'DATABASE_URL is required in production (no embedded PostgreSQL there).',
    );
    postgres = { mode: 'none' };
  } else {
    if (isSet(env.DATABASE_URL)) {
      warnings.push(
        `PostgreSQL is not reachable at ${redactUrl(env.DATABASE_URL)}; using an embedded PostgreSQL instead.`,
      );
    }
    postgres = { mode: 'embedded' };
  }

  let redis;
  if (isSet(env.REDIS_URL) && reachable.redis) {
    redis = { mode: 'external', url: env.REDIS_URL };
  } else if (!production && redisServerOnPath) {
    if (isSet(env.REDIS_URL)) {
      warnings.push(
        `Redis is not reachable at ${redactUrl(env.REDIS_URL)}; starting a local redis-server instead.`,
      );
    }
    redis = { mode: 'redis-server' };
  } else {
    const where = isSet(env.REDIS_URL)
      ? `Redis is not reachable at ${redactUrl(env.REDIS_URL)}`
      : 'REDIS_URL is not set';
    errors.push(
      production
        ? `${where}: set REDIS_URL to a running Redis.`
        : `${where} and redis-server is not on PATH: set REDIS_URL to a running Redis (redis://host:6379) or install redis-server (apt-get install redis-server).`,
    );
    redis = { mode: 'none' };
  }

  const s3 = isSet(env.S3_ENDPOINT) || production ? { mode: 'external' } : { mode: 's3rver' };

  let chain;
  if (isSet(env.CHAIN_NODE_URL) || isSet(env.CHAIN_NETWORKS)) {
    chain = { mode: 'external' };
  } else if (built.devnet && !production) {
    chain = { mode: 'devnet' };
  } else {
    chain = { mode: 'none' };
    warnings.push(
      'No chain configured (CHAIN_NODE_URL / CHAIN_NETWORKS) and apps/devnet is not built: chain features stay unavailable until a node answers at the default devnet URL.',
    );
  }

  const apps = {
    api: built.api && !servicesOnly,
    worker: built.worker && !servicesOnly,
    portal: built.portal && !servicesOnly,
  };
  return { errors, warnings, postgres, redis, s3, chain, apps };
}

/**
 * The environment every process gets: what the user set, plus the addresses of the services this
 * run provides and the development secrets (only where the user set nothing).
 * @param {Record<string, string | undefined>} env
 * @param {import('./plan.d.mts').StartPlan} plan
 * @param {import('./plan.d.mts').LocalEndpoints} endpoints
 * @param {import('./plan.d.mts').DevSecrets | undefined} secrets
 * @returns {Record<string, string>}
 */
export function resolveEnvironment(env, plan, endpoints, secrets) {
  const out = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  out.NODE_ENV = isSet(env.NODE_ENV) ? env.NODE_ENV : 'development';
  // Absolute, so every child (the devnet keeps its chain in DATA_DIR/devnet) agrees whatever its cwd.
  if (endpoints.dataDir) out.DATA_DIR = endpoints.dataDir;
  if (plan.postgres.mode === 'embedded') out.DATABASE_URL = required(endpoints.postgresUrl, 'postgresUrl');
  if (plan.redis.mode === 'redis-server') out.REDIS_URL = required(endpoints.redisUrl, 'redisUrl');
  if (plan.s3.mode === 's3rver') {
    out.S3_ENDPOINT = required(endpoints.s3Endpoint, 's3Endpoint');
    out.S3_ACCESS_KEY_ID = 'S3RVER';
    out.S3_SECRET_ACCESS_KEY = 'S3RVER';
    out.S3_FORCE_PATH_STYLE = 'true';
  }
  if (plan.chain.mode === 'devnet' || plan.chain.mode === 'none') {
    out.CHAIN_NODE_URL = required(endpoints.devnetUrl, 'devnetUrl');
    out.CHAIN_NETWORK_ID = isSet(env.CHAIN_NETWORK_ID) ? env.CHAIN_NETWORK_ID : DEFAULT_DEVNET_NETWORK_ID;
  }
  if (secrets && out.NODE_ENV !== 'production') {
    if (!isSet(out.JWT_SECRET)) out.JWT_SECRET = secrets.jwtSecret;
    if (!isSet(out.SERVICE_SIGNING_KEY)) out.SERVICE_SIGNING_KEY = secrets.serviceSigningKey;
  }
  if (plan.apps.portal && endpoints.portalUrl) {
    const origins = (out.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    if (!origins.includes(endpoints.portalUrl)) origins.push(endpoints.portalUrl);
    out.CORS_ORIGINS = origins.join(',');
  }
  return out;
}

function required(value, name) {
  if (!value) throw new Error(`start: the plan needs ${name}, but none was provided`);
  return value;
}

/** Environment of the devnet process: its port is DEVNET_PORT, whichever variable it reads. */
export function devnetEnvironment(env) {
  return { ...env, PORT: env.DEVNET_PORT ?? '1848' };
}

// Sign-up and API keys need PostgreSQL and Redis; a chain node or object storage that is not up
// yet must not keep the quick start from finishing (the summary shows what is down).
const NOT_NEEDED_FOR_QUICK_START = new Set(['chain', 's3']);

/**
 * Reads the API's /readyz answer: whether the quick-start sign-up can go ahead, and which
 * dependencies are down.
 * @param {number} status
 * @param {unknown} body
 * @returns {{ seedable: boolean, down: string[] }}
 */
export function quickStartReadiness(status, body) {
  const checks = body && typeof body === 'object' ? body.checks : undefined;
  const entries = checks && typeof checks === 'object' ? Object.entries(checks) : [];
  const isUp = (check) => Boolean(check && typeof check === 'object' && check.status === 'up');
  const down = entries.filter(([, check]) => !isUp(check)).map(([name]) => name);
  if (status === 200) return { seedable: true, down };
  const seedable =
    entries.length > 0 &&
    entries.every(([name, check]) => NOT_NEEDED_FOR_QUICK_START.has(name) || isUp(check));
  return { seedable, down };
}
