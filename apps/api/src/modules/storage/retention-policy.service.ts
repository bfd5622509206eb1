import { Injectable } from '@nestjs/common';
import { HOT_TTL_DAY_CHOICES, type RetentionPolicy } from '@spv-cloud/proof-service';
import type { ActorContext } from '../../platform/auth/actor-context';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { auditByPrincipal } from '../audit/audit-entry';
import type { RetentionPolicyView, UpdateRetentionBody } from './dto/retention.schemas';
import { RetentionPolicyRepository } from './retention-policy.repository';

/**
 * Per-tenant retention: how long issued proofs stay hot, how many years in the archive, and the legal
 * hold that stops every deletion. Changed by owners and admins only, and audited. The worker's
 * retention sweep applies it (deletion receipts, provenance).
 */
@Injectable()
export class RetentionPolicyService {
  constructor(
    private readonly repository: RetentionPolicyRepository,
    private readonly clock: ClockRepository,
  ) {}

  async get(tenantId: string): Promise<RetentionPolicyView> {
    const policy = await this.repository.find(tenantId);
    if (!policy) throw PlatformErrors.notFound('The tenant');
    return toView(policy);
  }

  async update(
    tenantId: string,
    actor: ActorContext,
    body: UpdateRetentionBody,
  ): Promise<RetentionPolicyView> {
    const change: Parameters<RetentionPolicyRepository['update']>[1] = {
      ...(body.hotTtlDays !== undefined ? { hotTtlDays: body.hotTtlDays } : {}),
      ...(body.archiveYears !== undefined ? { archiveYears: body.archiveYears } : {}),
      ...(body.legalHold === true
        ? { legalHold: true, legalHoldReason: body.legalHoldReason ?? null, legalHoldSetAt: this.clock.now() }
        : {}),
      ...(body.legalHold === false ? { legalHold: false, legalHoldReason: null, legalHoldSetAt: null } : {}),
      ...(body.legalHold === undefined && body.legalHoldReason !== undefined
        ? { legalHoldReason: body.legalHoldReason }
        : {}),
    };
    const metadata: Record<string, string | number | boolean | null> = {};
    for (const [key, value] of Object.entries(body)) metadata[key] = value;
    const updated = await this.repository.update(
      tenantId,
      change,
      auditByPrincipal(actor, 'tenant.retention_updated', 'tenant', tenantId, metadata),
    );
    if (!updated) throw PlatformErrors.notFound('The tenant');
    return toView(updated);
  }
}

function toView(policy: RetentionPolicy): RetentionPolicyView {
  return {
    hotTtlDays: policy.hotTtlDays,
    archiveYears: policy.archiveYears,
    legalHold: policy.legalHold,
    legalHoldReason: policy.legalHoldReason,
    legalHoldSetAt: policy.legalHoldSetAt?.toISOString() ?? null,
    hotTtlDayChoices: [...HOT_TTL_DAY_CHOICES],
    deleteAfterDays: policy.legalHold ? null : policy.hotTtlDays + policy.archiveYears * 365,
  };
}
