import { DbError } from '../db.errors';
import type { PrismaClient } from '../generated/prisma/client';
import { SYSTEM_PURPOSE_SETTING, SYSTEM_ROLE } from './database-roles';
import {
  toPrismaTransactionOptions,
  type ScopedTransaction,
  type ScopedTransactionOptions,
} from './scoped-transaction';

const PURPOSE = /^[a-z][a-z0-9_.:-]{2,63}$/;

/**
 * Cross-tenant access, on purpose and by name: workers sweeping every tenant's batches, sign-up
 * creating a tenant, API-key verification looking a hash up before any tenant is known. The
 * transaction runs as role `spv_system`, whose policies see every row; `purpose` (e.g.
 * "auth.signup", "worker.batch-sealer") is recorded in the transaction setting `app.system_purpose`.
 * Anything a tenant's request does after authentication belongs in TenantScopedPrisma instead.
 */
export class SystemScopedPrisma {
  constructor(private readonly prisma: PrismaClient) {}

  async runAcrossTenants<T>(
    purpose: string,
    work: (tx: ScopedTransaction) => Promise<T>,
    options: ScopedTransactionOptions = {},
  ): Promise<T> {
    if (!PURPOSE.test(purpose)) {
      throw new DbError('DB_PURPOSE_INVALID', 'purpose must be a short dotted name such as "auth.signup"');
    }
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', ${SYSTEM_ROLE}, true), set_config(${SYSTEM_PURPOSE_SETTING}, ${purpose}, true)`;
      return work(tx);
    }, toPrismaTransactionOptions(options));
  }
}
