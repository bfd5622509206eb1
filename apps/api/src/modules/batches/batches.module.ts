import { Module } from '@nestjs/common';
import { BatchesController } from './batches.controller';
import { BatchesRepository } from './batches.repository';
import { BatchesResolver } from './batches.resolver';
import { BatchesService } from './batches.service';
import { ProofVerificationController } from './proof-verification.controller';
import { ProofVerificationService } from './proof-verification.service';

/** A tenant's anchoring batches, and offline verification of any proof. */
@Module({
  controllers: [BatchesController, ProofVerificationController],
  providers: [BatchesRepository, BatchesService, BatchesResolver, ProofVerificationService],
  exports: [BatchesService, ProofVerificationService],
})
export class BatchesModule {}
