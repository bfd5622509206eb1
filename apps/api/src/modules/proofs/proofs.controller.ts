import { Controller, Get, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidBody, ValidParams } from '../../platform/validation/valid-request.decorators';
import { CreateProofBody, EvidenceBundleView, ProofParams, ProofView } from './dto/proof.schemas';
import { ProofsService } from './proofs.service';

@Controller('v1/proofs')
export class ProofsController {
  constructor(private readonly proofs: ProofsService) {}

  @Post()
  @Endpoint({
    operationId: 'requestProof',
    summary: 'Ask for the SPV proof of a transaction (TX or TXOUT, same- or cross-chain)',
    description:
      '200 with the proof when a ready one exists (a cached proof is served at once); otherwise 202 `{id, status, eta}`: ' +
      'poll GET /v1/proofs/{id}. Any number of tenants asking for the same proof cost one generation.',
    tag: 'proofs',
    access: { permission: 'proofs:write', scope: 'proofs:write' },
    body: CreateProofBody,
    response: ProofView,
    problems: [404, 422, 503],
  })
  async request(
    @Actor() actor: ActorContext,
    @ValidBody() body: CreateProofBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.proofs.request(actor.principal, body);
    if (outcome.ready) {
      await reply.status(200).send(outcome.view);
      return;
    }
    await reply
      .status(202)
      .header('location', `/v1/proofs/${outcome.view.id}`)
      .send({ id: outcome.view.id, status: outcome.view.status, eta: outcome.view.eta });
  }

  @Get(':id')
  @Endpoint({
    operationId: 'getProof',
    summary:
      'A proof: its status (waiting_inclusion, waiting_reachability, ready, expiring, refreshed, expired, failed), ETA and, once ready, the proof',
    tag: 'proofs',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    params: ProofParams,
    response: ProofView,
    problems: [404, 503],
  })
  get(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<ProofView> {
    return this.proofs.get(actor.principal.tenantId, params.id);
  }

  @Get(':id/bundle')
  @Endpoint({
    operationId: 'getProofBundle',
    summary:
      'The evidence bundle: proof, headers from the root to a checkpoint header, decoded subject, provenance',
    tag: 'proofs',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    params: ProofParams,
    response: EvidenceBundleView,
    problems: [404, 409, 503],
  })
  bundle(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<EvidenceBundleView> {
    return this.proofs.bundle(actor.principal.tenantId, params.id);
  }
}
