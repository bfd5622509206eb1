import type { ActorContext } from '../../platform/auth/actor-context';

/** Dotted verbs of every audited admin action. */
export type AuditAction =
  | 'tenant.created'
  | 'tenant.updated'
  | 'tenant.retention_updated'
  | 'member.invited'
  | 'member.joined'
  | 'member.role_changed'
  | 'member.removed'
  | 'invitation.revoked'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'api_key.rotated';

export type AuditTargetType = 'tenant' | 'user' | 'invitation' | 'api_key';

/** Who did it: an authenticated caller, or someone acting before a session exists (signup, accepting an invitation). */
export type AuditActor =
  | { readonly kind: 'principal'; readonly context: ActorContext }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly ip: string;
      readonly userAgent: string | null;
      readonly requestId: string;
    };

/** One audit row to write in the same transaction as the action it records. */
export interface AuditEntryInput {
  readonly action: AuditAction;
  readonly actor: AuditActor;
  readonly targetType: AuditTargetType;
  readonly targetId: string;
  readonly metadata?: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

export function auditByPrincipal(
  context: ActorContext,
  action: AuditAction,
  targetType: AuditTargetType,
  targetId: string,
  metadata?: AuditEntryInput['metadata'],
): AuditEntryInput {
  return {
    action,
    actor: { kind: 'principal', context },
    targetType,
    targetId,
    ...(metadata ? { metadata } : {}),
  };
}
