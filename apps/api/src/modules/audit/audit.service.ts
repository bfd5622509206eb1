import { Injectable } from '@nestjs/common';
import { decodeCursor, toPage } from '../../platform/http/page-cursor';
import { AuditRepository, type AuditLogRecord } from './audit.repository';
import type { AuditLogEntryView, AuditLogPage, AuditLogQuery } from './dto/audit-log.schemas';

@Injectable()
export class AuditService {
  constructor(private readonly auditRepository: AuditRepository) {}

  async list(tenantId: string, query: AuditLogQuery): Promise<AuditLogPage> {
    const after = decodeCursor(query.cursor);
    const rows = await this.auditRepository.list(tenantId, {
      limit: query.limit,
      after,
      action: query.action,
    });
    return toPage(rows, query.limit, toAuditLogEntryView);
  }
}

const ACTOR_TYPES = { USER: 'user', API_KEY: 'api_key', SYSTEM: 'system' } as const;

export function toAuditLogEntryView(row: AuditLogRecord): AuditLogEntryView {
  return {
    id: row.id,
    action: row.action,
    actorType: ACTOR_TYPES[row.actorType],
    actorId: row.actorId,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}
