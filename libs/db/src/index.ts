export { DbError, type DbErrorCode } from './db.errors';
export {
  parseDatabaseUrl,
  withDatabaseName,
  quoteDatabaseName,
  type PgConnectionOptions,
} from './connection/database-url';
export { createPrismaClient, type PrismaClientOptions } from './client/prisma-client.factory';
export { createDatabase, type Database } from './client/database';
export { TenantScopedPrisma, isTenantId } from './scopes/tenant-scoped-prisma';
export { SystemScopedPrisma } from './scopes/system-scoped-prisma';
export type { ScopedTransaction, ScopedTransactionOptions } from './scopes/scoped-transaction';
export { TENANT_ROLE, SYSTEM_ROLE, TENANT_SETTING, SYSTEM_PURPOSE_SETTING } from './scopes/database-roles';
export {
  applyMigrations,
  getMigrationStatus,
  diffSchemaToSql,
  type ApplyMigrationsResult,
  type MigrationStatus,
  type MigrationOptions,
  type SchemaDiffOptions,
} from './migrations/migration-runner';
export { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH } from './migrations/migration-directory';
// Generated Prisma client: model types, enums and the Prisma namespace (e.g. Prisma.TenantWhereInput).
export * from './generated/prisma/client';
