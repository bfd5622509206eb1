// Prints the OpenAPI document the API serves at GET /v1/openapi.json, built in-process from the
// API's own sources (controllers, zod schemas, OpenAPI builder). Run through the workspace's swc
// loader: `node -r tools/bench/register.cjs libs/api-client/scripts/print-api-openapi.cjs`.
// The document needs no database (nothing queries it at start-up) but the app connects to Redis
// (REDIS_URL, default the local test Redis) under a throw-away key prefix, removed afterwards.
'use strict';
require('reflect-metadata');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { Writable } = require('node:stream');

const root = join(__dirname, '..', '..', '..');
const { createApiApp } = require(join(root, 'apps/api/src/bootstrap/create-api-app.ts'));
const { testSettings } = require(join(root, 'apps/api/test/support/api-test-app.ts'));
const { deleteKeysWithPrefix, DEFAULT_TEST_REDIS_URL } = require('@spv-cloud/testing');

async function main() {
  const redisUrl = process.env.REDIS_URL || DEFAULT_TEST_REDIS_URL;
  const redisKeyPrefix = `spv-openapi:${randomBytes(6).toString('hex')}:`;
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const { app } = await createApiApp(
    testSettings({
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/spv_openapi_document_needs_no_database',
      redisUrl,
      redisKeyPrefix,
    }),
    { logDestination: discard, collectProcessMetrics: false },
  );
  try {
    const response = await app.inject({ method: 'GET', url: '/v1/openapi.json' });
    if (response.statusCode !== 200) {
      throw new Error(`GET /v1/openapi.json answered ${response.statusCode}: ${response.body}`);
    }
    process.stdout.write(response.body);
  } finally {
    await app.close();
    await deleteKeysWithPrefix(redisUrl, redisKeyPrefix);
  }
}

main().catch((error) => {
  process.stderr.write(
    `print-api-openapi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
