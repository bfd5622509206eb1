import { PrismaPg } from '@prisma/adapter-pg';
import { parseDatabaseUrl } from '../connection/database-url';
import { createPgPool } from '../connection/pg-pool.factory';
import { PrismaClient } from '../generated/prisma/client';

export interface PrismaClientOptions {
  /** Connections in the pool (default 10). Each open interactive transaction holds one. */
  readonly poolSize?: number;
  /** Shown in pg_stat_activity, e.g. "spv-api" or "spv-worker". */
  readonly applicationName?: string;
  /** Idle pool errors (a server restart, a dropped connection); logged by the caller. */
  readonly onPoolError?: (error: Error) => void;
}

/**
 * A Prisma 7 client over @prisma/adapter-pg. Services do not query through it directly: tenant data
 * goes through TenantScopedPrisma, cross-tenant work through SystemScopedPrisma. `$disconnect()`
 * ends the pool.
 */
export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const pool = createPgPool(parseDatabaseUrl(databaseUrl), {
    max: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'spv-cloud',
  });
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    onPoolError: options.onPoolError ?? (() => undefined),
  });
  return new PrismaClient({ adapter });
}
