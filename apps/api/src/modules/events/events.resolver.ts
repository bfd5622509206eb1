import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { anchoredEventProofToJson, decodeProofBinary } from '@spv-cloud/chainweb';
import { RequireAccess } from '../../platform/auth/access.decorator';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { parseOrThrow } from '../../platform/validation/zod-issues';
import { EventIdParams, MAX_EVENTS_PER_JSON_REQUEST } from './dto/event.schemas';
import { AcceptedEventModel, EventModel, EventSubmissionInputModel } from './event.models';
import { EventErrors } from './events.errors';
import { EventsService } from './events.service';

/** GraphQL face of the events service (same validation, same errors as REST). */
@Resolver(() => EventModel)
export class EventsResolver {
  constructor(private readonly eventsService: EventsService) {}

  @Query(() => EventModel)
  @RequireAccess({ permission: 'proofs:read', scope: 'proofs:read' })
  event(@Actor() actor: ActorContext, @Args('id', { type: () => ID }) id: string) {
    const params = parseOrThrow(EventIdParams, { id }, 'args');
    return this.eventsService.get(actor.principal.tenantId, params.id);
  }

  @Query(() => String, { description: 'The anchored event proof JSON, as text.' })
  @RequireAccess({ permission: 'proofs:read', scope: 'proofs:read' })
  async eventProof(
    @Actor() actor: ActorContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    const params = parseOrThrow(EventIdParams, { id }, 'args');
    const result = await this.eventsService.proofBytes(actor.principal.tenantId, params.id);
    if (!result.ready) throw EventErrors.proofNotReady(result.status);
    const decoded = decodeProofBinary(result.bytes);
    if (decoded.kind !== 'anchored-event') throw PlatformErrors.internal();
    return JSON.stringify(anchoredEventProofToJson(decoded.proof));
  }

  @Mutation(() => [AcceptedEventModel])
  @RequireAccess({ permission: 'proofs:write', scope: 'events:write' })
  submitEvents(
    @Actor() actor: ActorContext,
    @Args('events', { type: () => [EventSubmissionInputModel] }) events: EventSubmissionInputModel[],
  ): Promise<AcceptedEventModel[]> {
    const submissions = events.map((input, i) => toSubmission(input, `args.events.${i}`));
    return this.eventsService
      .ingest(actor.principal.tenantId, submissions, {
        maxEvents: MAX_EVENTS_PER_JSON_REQUEST,
        location: 'args.events',
      })
      .then((response) => response.events);
  }
}

/** The REST shape of one event (absent fields left out, metadata parsed). */
function toSubmission(input: EventSubmissionInputModel, location: string): Record<string, unknown> {
  const submission: Record<string, unknown> = {};
  for (const field of ['digest', 'data', 'namespace', 'routingKey', 'idempotencyKey'] as const) {
    const value = input[field];
    if (value !== null && value !== undefined) submission[field] = value;
  }
  if (input.metadataJson !== null && input.metadataJson !== undefined) {
    try {
      submission['metadata'] = JSON.parse(input.metadataJson);
    } catch {
      throw PlatformErrors.validationFailed([{ name: `${location}.metadataJson`, reason: 'is not JSON' }]);
    }
  }
  if (input.signature) {
    const { keyId, timestamp, nonce, value } = input.signature;
    submission['signature'] = { keyId, timestamp, nonce, value };
  }
  return submission;
}
