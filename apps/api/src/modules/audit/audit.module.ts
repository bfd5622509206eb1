import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

@Module({
  controllers: [AuditController],
  providers: [AuditResolver, AuditService, AuditRepository],
  exports: [AuditService],
})
export class AuditModule {}
