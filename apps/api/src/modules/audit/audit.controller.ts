import { Controller, Get } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidQuery } from '../../platform/validation/valid-request.decorators';
import { AuditService } from './audit.service';
import { AuditLogPage, AuditLogQuery } from './dto/audit-log.schemas';

@Controller('v1/audit-log')
export class AuditController {
  constructor(private readonly auditService: AuditService) {}

  @Get()
  @Endpoint({
    operationId: 'listAuditLog',
    summary: 'Admin actions (keys, members, settings), newest first',
    tag: 'audit',
    access: { permission: 'audit:read', scope: 'audit:read' },
    query: AuditLogQuery,
    response: AuditLogPage,
  })
  list(@Actor() actor: ActorContext, @ValidQuery() query: AuditLogQuery): Promise<AuditLogPage> {
    return this.auditService.list(actor.principal.tenantId, query);
  }
}
