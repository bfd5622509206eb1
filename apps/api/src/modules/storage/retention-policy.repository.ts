import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@spv-cloud/db';
import type { RetentionPolicy } from '@spv-cloud/proof-service';
import { DATABASE } from '../../platform/database/database.providers';
import type { AuditEntryInput } from '../audit/audit-entry';
import { writeAuditEntry } from '../audit/audit.repository';

const POLICY = {
  hotTtlDays: true,
  archiveYears: true,
  legalHold: true,
  legalHoldReason: true,
  legalHoldSetAt: true,
} as const;

/** A tenant's retention policy (columns of its tenant row), read and changed in its own scope. */
@Injectable()
export class RetentionPolicyRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  find(tenantId: string): Promise<RetentionPolicy | null> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.tenant.findUnique({ where: { id: tenantId }, select: POLICY }),
    );
  }

  /** Applies the change and writes its audit row in one transaction. */
  update(
    tenantId: string,
    change: Partial<
      Pick<
        RetentionPolicy,
        'hotTtlDays' | 'archiveYears' | 'legalHold' | 'legalHoldReason' | 'legalHoldSetAt'
      >
    >,
    audit: AuditEntryInput,
  ): Promise<RetentionPolicy | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const updated = await tx.tenant.updateManyAndReturn({
        where: { id: tenantId },
        data: change,
        select: POLICY,
      });
      if (updated.length === 0) return null;
      await writeAuditEntry(tx, tenantId, audit);
      return updated[0] ?? null;
    });
  }
}
