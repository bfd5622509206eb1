/** Machine-readable codes of every failure @spv-cloud/db reports. */
export type DbErrorCode =
  | 'DB_URL_INVALID'
  | 'DB_TENANT_ID_INVALID'
  | 'DB_PURPOSE_INVALID'
  | 'DB_MIGRATIONS_DIR_INVALID'
  | 'DB_MIGRATION_FAILED'
  | 'DB_MIGRATION_HISTORY_DIVERGED'
  | 'DB_SCHEMA_ENGINE_UNAVAILABLE'
  | 'DB_SCHEMA_DIFF_FAILED';

export class DbError extends Error {
  override readonly name = 'DbError';

  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
