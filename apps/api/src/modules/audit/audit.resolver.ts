import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import { AuditLogPageModel } from './audit.models';
import { AuditService } from './audit.service';
import { AuditLogQuery } from './dto/audit-log.schemas';

@Resolver(() => AuditLogPageModel)
export class AuditResolver {
  constructor(private readonly auditService: AuditService) {}

  @Query(() => AuditLogPageModel)
  @RequireAccess({ permission: 'audit:read', scope: 'audit:read' })
  async auditLog(
    @Actor() actor: ActorContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('action', { type: () => String, nullable: true }) action?: string | null,
  ): Promise<AuditLogPageModel> {
    const query = parseOrThrow(
      AuditLogQuery,
      { limit: first ?? undefined, cursor: after ?? undefined, action: action ?? undefined },
      'args',
    );
    const page = await this.auditService.list(actor.principal.tenantId, query);
    return {
      items: page.items.map(({ metadata, ...entry }) => ({
        ...entry,
        metadataJson: JSON.stringify(metadata),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
