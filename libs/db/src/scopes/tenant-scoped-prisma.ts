import { DbError } from '../db.errors';
import type { PrismaClient } from '../generated/prisma/client';
import { TENANT_ROLE, TENANT_SETTING } from './database-roles';
import {
  toPrismaTransactionOptions,
  type ScopedTransaction,
  type ScopedTransactionOptions,
} from './scoped-transaction';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * The only way services touch tenant data. `run(tenantId, work)` opens a transaction, switches to the
 * non-superuser role `spv_app` (`SET LOCAL ROLE`: even a superuser connection then obeys row-level
 * security) and sets `app.tenant_id` for that transaction only; every tenant-owned table's policy
 * then hides other tenants' rows and refuses writes of rows for another tenant. Both settings end
 * with the transaction, so a pooled connection never leaks them.
 */
export class TenantScopedPrisma {
  constructor(private readonly prisma: PrismaClient) {}

  async run<T>(
    tenantId: string,
    work: (tx: ScopedTransaction) => Promise<T>,
    options: ScopedTransactionOptions = {},
  ): Promise<T> {
    if (!isTenantId(tenantId)) {
      throw new DbError('DB_TENANT_ID_INVALID', 'tenant id must be a UUID');
    }
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', ${TENANT_ROLE}, true), set_config(${TENANT_SETTING}, ${tenantId.toLowerCase()}, true)`;
      return work(tx);
    }, toPrismaTransactionOptions(options));
  }
}
