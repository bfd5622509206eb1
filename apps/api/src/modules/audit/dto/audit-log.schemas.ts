import { z } from 'zod';
import { PageQuery, pageOf, Timestamp } from '../../../platform/http/common.schemas';

export const AuditLogQuery = PageQuery.extend({
  action: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/, 'must be a dotted action such as api_key.created')
    .max(64)
    .optional(),
});
export type AuditLogQuery = z.output<typeof AuditLogQuery>;

export const AuditLogEntryView = z
  .object({
    id: z.uuid(),
    action: z.string(),
    actorType: z.enum(['user', 'api_key', 'system']),
    actorId: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: Timestamp,
  })
  .meta({ id: 'AuditLogEntry' });
export type AuditLogEntryView = z.output<typeof AuditLogEntryView>;

export const AuditLogPage = pageOf(AuditLogEntryView, 'AuditLogPage');
export type AuditLogPage = z.output<typeof AuditLogPage>;
