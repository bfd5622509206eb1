import { Inject, Injectable } from '@nestjs/common';
import type { Database, Prisma, Tenant } from '@spv-cloud/db';
import { DATABASE } from '../../platform/database/database.providers';
import type { AuditEntryInput } from '../audit/audit-entry';
import { writeAuditEntry } from '../audit/audit.repository';

export type TenantRecord = Tenant;

@Injectable()
export class TenantsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  find(tenantId: string): Promise<TenantRecord | null> {
    return this.database.tenant.run(tenantId, (tx) => tx.tenant.findUnique({ where: { id: tenantId } }));
  }

  /** Applies a name change and a settings merge (null removes a setting) under a row lock. */
  update(
    tenantId: string,
    change: { name?: string; settings?: Record<string, string | number | boolean | null> },
    audit: AuditEntryInput,
  ): Promise<TenantRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const rows = await tx.$queryRaw<{ settings: Prisma.JsonValue }[]>`
        SELECT settings FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
      const current = rows[0];
      if (!current) return null;
      let settings: Record<string, unknown> | undefined;
      if (change.settings) {
        settings = { ...((current.settings ?? {}) as Record<string, unknown>) };
        for (const [key, value] of Object.entries(change.settings)) {
          if (value === null) delete settings[key];
          else settings[key] = value;
        }
      }
      const updated = await tx.tenant.update({
        where: { id: tenantId },
        data: {
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(settings ? { settings: settings as Prisma.InputJsonValue } : {}),
        },
      });
      await writeAuditEntry(tx, tenantId, audit);
      return updated;
    });
  }
}
