import { Module } from '@nestjs/common';
import { ProvenanceModule } from '../provenance/provenance.module';
import { ProofsController } from './proofs.controller';
import { ProofsResolver } from './proofs.resolver';
import { ProofsService } from './proofs.service';

/** Transaction SPV proofs: request (200 cached / 202 queued), status with ETA, evidence bundle; REST and GraphQL. */
@Module({
  imports: [ProvenanceModule],
  controllers: [ProofsController],
  providers: [ProofsService, ProofsResolver],
  exports: [ProofsService],
})
export class ProofsModule {}
