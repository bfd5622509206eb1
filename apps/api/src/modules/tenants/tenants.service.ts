import { Injectable } from '@nestjs/common';
import type { ActorContext } from '../../platform/auth/actor-context';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { auditByPrincipal } from '../audit/audit-entry';
import type { TenantView, UpdateTenantBody } from './dto/tenant.schemas';
import { TenantsRepository, type TenantRecord } from './tenants.repository';

@Injectable()
export class TenantsService {
  constructor(private readonly tenantsRepository: TenantsRepository) {}

  async get(tenantId: string): Promise<TenantView> {
    const tenant = await this.tenantsRepository.find(tenantId);
    if (!tenant) throw PlatformErrors.notFound('The tenant');
    return toTenantView(tenant);
  }

  async update(tenantId: string, actor: ActorContext, change: UpdateTenantBody): Promise<TenantView> {
    const updated = await this.tenantsRepository.update(
      tenantId,
      change,
      auditByPrincipal(actor, 'tenant.updated', 'tenant', tenantId, {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.settings ? { settings: Object.keys(change.settings) } : {}),
      }),
    );
    if (!updated) throw PlatformErrors.notFound('The tenant');
    return toTenantView(updated);
  }
}

export function toTenantView(tenant: TenantRecord): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    plan: tenant.planCode.toLowerCase() as TenantView['plan'],
    status: tenant.status.toLowerCase() as TenantView['status'],
    settings: (tenant.settings ?? {}) as TenantView['settings'],
    createdAt: tenant.createdAt.toISOString(),
  };
}
