export {
  createTestDatabase,
  DEFAULT_TEST_SERVER_URL,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-database';
export { startS3Server, type S3Server, type S3ServerOptions } from './s3-server';
export {
  createRedisNamespace,
  deleteKeysWithPrefix,
  DEFAULT_TEST_REDIS_URL,
  type RedisNamespace,
} from './redis-namespace';
export {
  TestDataFactory,
  type CreatedUser,
  type CreatedApiKey,
  type ApiKeyOverrides,
} from './test-data.factory';
export {
  MemoryChainweb,
  memoryVersion,
  syntheticTransaction,
  type SyntheticTransaction,
  type TransactionLocation,
  type CrossCheckBehaviour,
} from './memory-chainweb';
