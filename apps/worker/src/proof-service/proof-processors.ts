import { ProofGenerationProcessor } from '../processors/proof-generation.processor';
import { ProofMaintenanceProcessor } from '../processors/proof-maintenance.processor';
import { ProvenanceCheckpointProcessor } from '../processors/provenance-checkpoint.processor';
import { RetentionSweepProcessor } from '../processors/retention-sweep.processor';

/** The proof service's processors, registered when the worker runs the proof service. */
export const PROOF_PROCESSORS = [
  ProofGenerationProcessor,
  ProofMaintenanceProcessor,
  RetentionSweepProcessor,
  ProvenanceCheckpointProcessor,
] as const;
