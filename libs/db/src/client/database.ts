import type { PrismaClient } from '../generated/prisma/client';
import { SystemScopedPrisma } from '../scopes/system-scoped-prisma';
import { TenantScopedPrisma } from '../scopes/tenant-scoped-prisma';
import { createPrismaClient, type PrismaClientOptions } from './prisma-client.factory';

/** One pool, two explicit doors: `tenant` (RLS-scoped) and `system` (cross-tenant). */
export interface Database {
  readonly tenant: TenantScopedPrisma;
  readonly system: SystemScopedPrisma;
  /** For health checks (`SELECT 1`) and lifecycle only — never for tenant data. */
  readonly client: PrismaClient;
  close(): Promise<void>;
}

export function createDatabase(databaseUrl: string, options: PrismaClientOptions = {}): Database {
  const client = createPrismaClient(databaseUrl, options);
  return {
    tenant: new TenantScopedPrisma(client),
    system: new SystemScopedPrisma(client),
    client,
    close: () => client.$disconnect(),
  };
}
