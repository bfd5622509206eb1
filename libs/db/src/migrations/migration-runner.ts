import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { parseDatabaseUrl } from '../connection/database-url';
import { DbError, type DbErrorCode } from '../db.errors';
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, readMigrationsDirectory } from './migration-directory';
import { MigrationDriverAdapterFactory } from './migration-driver-adapter';
import { loadSchemaEngine } from './schema-engine.loader';

const NO_FILTER = { externalTables: [], externalEnums: [] };

export interface MigrationOptions {
  /** Defaults to this repository's prisma/migrations. */
  readonly migrationsDir?: string;
}

export interface ApplyMigrationsResult {
  /** Migrations applied by this call, oldest first; empty when the database was up to date. */
  readonly applied: readonly string[];
}

export interface MigrationStatus {
  readonly hasMigrationsTable: boolean;
  /** Migrations on disk that the database has not applied yet. */
  readonly pending: readonly string[];
  readonly failed: readonly string[];
  /** Applied migrations whose file changed since (migrations are never edited after landing). */
  readonly edited: readonly string[];
  /** Applied migrations that are not on disk (the database is ahead of this build). */
  readonly unknown: readonly string[];
}

/**
 * Applies every pending migration through Prisma's WASM schema engine, which records them in the
 * standard `_prisma_migrations` table (so the real Prisma CLI agrees about the state). Idempotent:
 * an up-to-date database applies nothing. Concurrent callers serialize on the engine's advisory lock.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: MigrationOptions = {},
): Promise<ApplyMigrationsResult> {
  const migrationsList = await readMigrationsDirectory(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const { appliedMigrationNames } = await withEngine(databaseUrl, 'DB_MIGRATION_FAILED', (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
  );
  return { applied: appliedMigrationNames };
}

/** Compares the database's migration history with the migrations directory (read-only). */
export async function getMigrationStatus(
  databaseUrl: string,
  options: MigrationOptions = {},
): Promise<MigrationStatus> {
  const migrationsList = await readMigrationsDirectory(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const output = await withEngine(databaseUrl, 'DB_MIGRATION_FAILED', (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER }),
  );
  const history = output.history;
  return {
    hasMigrationsTable: output.hasMigrationsTable,
    pending:
      history?.diagnostic === 'databaseIsBehind' || history?.diagnostic === 'historiesDiverge'
        ? history.unappliedMigrationNames
        : [],
    unknown:
      history?.diagnostic === 'migrationsDirectoryIsBehind' || history?.diagnostic === 'historiesDiverge'
        ? history.unpersistedMigrationNames
        : [],
    failed: output.failedMigrationNames,
    edited: output.editedMigrationNames,
  };
}

export interface SchemaDiffOptions {
  /** The schema to reach; defaults to this repository's prisma/schema.prisma. */
  readonly schemaPath?: string;
  /**
   * Starting point: an empty database, or a migrations directory replayed into a throw-away shadow
   * database created on `serverUrl`'s server (the role needs CREATEDB) and dropped afterwards.
   */
  readonly from: 'empty' | { readonly migrationsDir: string };
  /** A server the engine may connect to (it reads the server version even for an empty diff). */
  readonly serverUrl: string;
}

/** The SQL that takes `from` to the schema; an empty string when they already agree. */
export async function diffSchemaToSql(options: SchemaDiffOptions): Promise<string> {
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const schema = await readFile(schemaPath, 'utf8');
  const to = { tag: 'schemaDatamodel' as const, files: [{ path: basename(schemaPath), content: schema }] };
  const run = async (engine: SchemaEngine, from: Parameters<SchemaEngine['diff']>[0]['from']) => {
    const result = await engine.diff({ from, to, script: true, exitCode: null, filters: NO_FILTER });
    return normalizeEmptyDiff(result.stdout ?? '');
  };
  const from = options.from === 'empty' ? null : await readMigrationsDirectory(options.from.migrationsDir);
  return withEngine(options.serverUrl, 'DB_SCHEMA_DIFF_FAILED', (engine) =>
    run(engine, from === null ? { tag: 'empty' } : { tag: 'migrations', ...from }),
  );
}

/** The engine answers an empty diff with a comment line only. */
function normalizeEmptyDiff(script: string): string {
  const meaningful = script.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('--'));
  return meaningful.length === 0 ? '' : script;
}

async function withEngine<T>(
  databaseUrl: string,
  failureCode: DbErrorCode,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const connection = parseDatabaseUrl(databaseUrl);
  const { SchemaEngine } = await loadSchemaEngine();
  const factory = new MigrationDriverAdapterFactory(connection);
  const engineLog: string[] = [];
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new(
      { datamodels: undefined },
      (line: string) => engineLog.push(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await work(engine);
  } catch (error) {
    if (error instanceof DbError) throw error;
    throw new DbError(failureCode, describeEngineError(error, engineLog), { cause: error });
  } finally {
    engine?.free();
    await factory.close();
  }
}

function describeEngineError(error: unknown, engineLog: readonly string[]): string {
  const errorLines = engineLog
    .map((line) => {
      try {
        const parsed = JSON.parse(line) as { level?: string; fields?: { message?: string } };
        return parsed.level === 'ERROR' ? parsed.fields?.message : undefined;
      } catch {
        return undefined;
      }
    })
    .filter((message): message is string => typeof message === 'string');
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  return [message, ...errorLines].join('\n');
}
