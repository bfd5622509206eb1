import { Controller, Get } from '@nestjs/common';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidParams, ValidQuery } from '../../platform/validation/valid-request.decorators';
import {
  CheckpointList,
  ConsistencyQuery,
  ConsistencyView,
  ProofProvenanceView,
  ProvenanceParams,
} from './dto/provenance.schemas';
import { ProvenanceReadService } from './provenance-read.service';

@Controller('v1/provenance')
export class ProvenanceController {
  constructor(private readonly provenance: ProvenanceReadService) {}

  @Get('checkpoints')
  @Endpoint({
    operationId: 'listProvenanceCheckpoints',
    summary: 'Signed checkpoints (size, root) of the provenance log and where each was anchored on chain',
    tag: 'provenance',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    response: CheckpointList,
  })
  async checkpoints(): Promise<{ items: unknown[] }> {
    return { items: await this.provenance.checkpoints() };
  }

  @Get('consistency')
  @Endpoint({
    operationId: 'getProvenanceConsistency',
    summary: 'RFC 6962 consistency proof between two checkpoints of the provenance log',
    tag: 'provenance',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    query: ConsistencyQuery,
    response: ConsistencyView,
    problems: [404],
  })
  consistency(@ValidQuery() query: { from: bigint; to: bigint }) {
    return this.provenance.consistency(query.from, query.to);
  }

  @Get(':proofId')
  @Endpoint({
    operationId: 'getProofProvenance',
    summary:
      "A proof's provenance: its log entries, their inclusion proofs in a checkpoint, and that checkpoint's anchored proof",
    tag: 'provenance',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    params: ProvenanceParams,
    response: ProofProvenanceView,
    problems: [404],
  })
  forProof(@Actor() actor: ActorContext, @ValidParams() params: { proofId: string }) {
    return this.provenance.forProofMapped(actor.principal.tenantId, params.proofId);
  }
}
