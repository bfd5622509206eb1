import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@spv-cloud/observability';
import { ProofGenerator } from '@spv-cloud/proof-service';
import { JobName, ProofJobProducer, type JobPayloads } from '@spv-cloud/queue';
import { WORKER_LOGGER } from '../platform/worker-database';
import type { JobControl, JobProcessor } from '../queue/job-processor';

/**
 * generate-proof: one look at a chain proof. Ready proofs are issued; waiting ones (transaction not
 * mined, target not reachable) re-delay the same job until their ETA (header updates run them
 * earlier); outages throw and BullMQ retries with backoff. Every paying-plan job that starts may lift
 * a waiting free-plan job to the front (the free share).
 */
@Injectable()
export class ProofGenerationProcessor implements JobProcessor<JobName.GenerateProof> {
  readonly jobName = JobName.GenerateProof;

  constructor(
    private readonly generator: ProofGenerator,
    private readonly jobs: ProofJobProducer,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async process(payload: JobPayloads[JobName.GenerateProof], control: JobControl): Promise<void> {
    await this.jobs
      .onGenerationStartedFor(payload.chainProofId)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'free-share bookkeeping failed'));
    const outcome = await this.generator.generate(payload.chainProofId);
    if (outcome.kind === 'waiting') await control.delay(outcome.retryInMs);
    else if (outcome.kind === 'failed') {
      this.logger.warn(
        { chainProofId: payload.chainProofId, code: outcome.code, reason: outcome.message },
        'proof failed',
      );
    }
  }
}
