import { Module } from '@nestjs/common';
import { ProvenanceController } from './provenance.controller';
import { ProvenanceReadService } from './provenance-read.service';
import { ProvenanceResolver } from './provenance.resolver';

/** The provenance log's reads: a proof's entries with inclusion proofs, checkpoints, consistency proofs. */
@Module({
  controllers: [ProvenanceController],
  providers: [ProvenanceReadService, ProvenanceResolver],
  exports: [ProvenanceReadService],
})
export class ProvenanceModule {}
