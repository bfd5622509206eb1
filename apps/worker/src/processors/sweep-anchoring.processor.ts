import { Injectable } from '@nestjs/common';
import { JobName } from '@spv-cloud/queue';
import type { JobProcessor } from '../queue/job-processor';
import { AnchoringSweepService } from '../sweep/anchoring-sweep.service';

/** sweep-anchoring (system job, scheduled): re-nudge what lost jobs left behind, watch for forks. */
@Injectable()
export class SweepAnchoringProcessor implements JobProcessor<JobName.SweepAnchoring> {
  readonly jobName = JobName.SweepAnchoring;

  constructor(private readonly sweep: AnchoringSweepService) {}

  async process(): Promise<void> {
    await this.sweep.sweep();
  }
}
