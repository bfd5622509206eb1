import { Module } from '@nestjs/common';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';
import { PlansRepository } from './plans.repository';
import { TenantsController } from './tenants.controller';
import { TenantsRepository } from './tenants.repository';
import { TenantsResolver } from './tenants.resolver';
import { TenantsService } from './tenants.service';

@Module({
  controllers: [TenantsController],
  providers: [
    TenantsResolver,
    TenantsService,
    MembersService,
    TenantsRepository,
    MembersRepository,
    PlansRepository,
  ],
  exports: [MembersRepository, PlansRepository],
})
export class TenantsModule {}
