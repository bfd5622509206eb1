import { Inject, Injectable } from '@nestjs/common';
import type { AuditLogEntry, Database, ScopedTransaction } from '@spv-cloud/db';
import { DATABASE } from '../../platform/database/database.providers';
import type { PagePosition } from '../../platform/http/page-cursor';
import type { AuditEntryInput } from './audit-entry';

export type AuditLogRecord = AuditLogEntry;

/**
 * Writes an audit row inside the caller's tenant-scoped transaction, so an action and its record
 * commit or roll back together.
 */
export async function writeAuditEntry(
  tx: ScopedTransaction,
  tenantId: string,
  entry: AuditEntryInput,
): Promise<void> {
  const actor = entry.actor;
  const origin = actor.kind === 'principal' ? actor.context : actor;
  let actorType: 'USER' | 'API_KEY';
  let actorId: string;
  if (actor.kind === 'principal') {
    const principal = actor.context.principal;
    actorType = principal.kind === 'user' ? 'USER' : 'API_KEY';
    actorId = principal.kind === 'user' ? principal.userId : principal.apiKeyId;
  } else {
    actorType = 'USER';
    actorId = actor.userId;
  }
  await tx.auditLogEntry.create({
    data: {
      tenantId,
      actorType,
      actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      ip: origin.ip,
      userAgent: origin.userAgent,
      requestId: origin.requestId,
      metadata: entry.metadata ?? {},
    },
  });
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Newest first; `limit + 1` rows so the caller can tell whether another page exists. */
  list(
    tenantId: string,
    options: { limit: number; after: PagePosition | undefined; action: string | undefined },
  ): Promise<AuditLogRecord[]> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.auditLogEntry.findMany({
        where: {
          tenantId,
          ...(options.action ? { action: options.action } : {}),
          ...(options.after
            ? {
                OR: [
                  { createdAt: { lt: options.after.createdAt } },
                  { createdAt: options.after.createdAt, id: { lt: options.after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: options.limit + 1,
      }),
    );
  }
}
