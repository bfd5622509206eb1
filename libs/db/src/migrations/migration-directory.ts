import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { DbError } from '../db.errors';

/** `prisma/migrations` of this repository; src/ and dist/ sit at the same depth. */
export const DEFAULT_MIGRATIONS_DIR = resolve(__dirname, '../../../../prisma/migrations');
/** `prisma/schema.prisma` of this repository. */
export const DEFAULT_SCHEMA_PATH = resolve(__dirname, '../../../../prisma/schema.prisma');

const LOCKFILE = 'migration_lock.toml';
const MIGRATION_FILE = 'migration.sql';
const MIGRATION_NAME = /^\d{14}_[a-z0-9_]+$/;

/** Reads a Prisma migrations directory into the engine's input shape, in name (= time) order. */
export async function readMigrationsDirectory(
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
): Promise<MigrationList> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (cause) {
    throw new DbError('DB_MIGRATIONS_DIR_INVALID', `cannot read migrations directory ${migrationsDir}`, {
      cause,
    });
  }
  const lockfileContent = await readFile(join(migrationsDir, LOCKFILE), 'utf8').catch(() => null);
  if (lockfileContent !== null && !/provider\s*=\s*"postgresql"/.test(lockfileContent)) {
    throw new DbError('DB_MIGRATIONS_DIR_INVALID', `${LOCKFILE} in ${migrationsDir} is not for postgresql`);
  }
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    directories.map(async (name) => {
      if (!MIGRATION_NAME.test(name)) {
        throw new DbError(
          'DB_MIGRATIONS_DIR_INVALID',
          `migration directory name ${name} is not <14-digit timestamp>_<name>`,
        );
      }
      const content = await readFile(join(migrationsDir, name, MIGRATION_FILE), 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (error: unknown) => ({ tag: 'error' as const, value: String(error) }),
      );
      return { path: name, migrationFile: { path: MIGRATION_FILE, content } };
    }),
  );
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: lockfileContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}
