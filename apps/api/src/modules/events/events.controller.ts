import { Controller, Get, Headers, Inject, Post, Req, Res } from '@nestjs/common';
import { anchoredEventProofToJson, decodeProofBinary } from '@spv-cloud/chainweb';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Actor, type ActorContext } from '../../platform/auth/actor-context';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ValidParams } from '../../platform/validation/valid-request.decorators';
import {
  AnchoredEventProofDocument,
  EventIdParams,
  EventView,
  MAX_EVENTS_PER_JSON_REQUEST,
  SubmitEventsBody,
  SubmitEventsResponse,
} from './dto/event.schemas';
import { EventErrors } from './events.errors';
import { EventsService } from './events.service';
import { EVENTS_SETTINGS, type EventsSettings } from './events.settings';
import { isNdjsonRequest } from './ndjson-content-type';
import { readNdjsonEvents } from './ndjson-events.reader';

@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly eventsService: EventsService,
    @Inject(EVENTS_SETTINGS) private readonly settings: EventsSettings,
  ) {}

  @Post()
  @Endpoint({
    operationId: 'submitEvents',
    summary: 'Submit events for anchoring (202: stored, to be batched and anchored)',
    description:
      'JSON `{"events": [...]}` takes up to 10,000 events; `Content-Type: application/x-ndjson` (one event per line) takes larger uploads. ' +
      'Every event is validated first and nothing is stored unless all are valid; the answer lists `{id, status}` in request order. ' +
      'An `idempotencyKey` already stored returns the stored event, so a retried request never stores an event twice.',
    tag: 'events',
    access: { permission: 'proofs:write', scope: 'events:write' },
    body: SubmitEventsBody,
    response: SubmitEventsResponse,
    status: 202,
    problems: [409, 413],
  })
  async submit(@Actor() actor: ActorContext, @Req() request: FastifyRequest): Promise<SubmitEventsResponse> {
    const tenantId = actor.principal.tenantId;
    if (isNdjsonRequest(request)) {
      const events = await readNdjsonEvents(request.body as Readable, {
        maxBytes: this.settings.ndjsonMaxBytes,
        maxEvents: this.settings.ndjsonMaxEvents,
      });
      return this.eventsService.ingest(tenantId, events, {
        maxEvents: this.settings.ndjsonMaxEvents,
        location: 'events',
      });
    }
    const body = request.body as { events?: unknown } | null | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(body.events)) {
      throw PlatformErrors.validationFailed([{ name: 'body.events', reason: 'must be an array of events' }]);
    }
    const extra = Object.keys(body).filter((key) => key !== 'events');
    if (extra.length > 0) {
      throw PlatformErrors.validationFailed(
        extra.slice(0, 5).map((key) => ({ name: `body.${key}`, reason: 'is not a known field' })),
      );
    }
    return this.eventsService.ingest(tenantId, body.events, {
      maxEvents: MAX_EVENTS_PER_JSON_REQUEST,
      location: 'body.events',
    });
  }

  @Get(':id')
  @Endpoint({
    operationId: 'getEvent',
    summary: "An event's status, batch and expected proof time",
    tag: 'events',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    params: EventIdParams,
    response: EventView,
  })
  get(@Actor() actor: ActorContext, @ValidParams() params: { id: string }): Promise<EventView> {
    return this.eventsService.get(actor.principal.tenantId, params.id);
  }

  @Get(':id/proof')
  @Endpoint({
    operationId: 'getEventProof',
    summary:
      "An event's anchored event proof (JSON, or the binary envelope with Accept: application/octet-stream)",
    tag: 'events',
    access: { permission: 'proofs:read', scope: 'proofs:read' },
    params: EventIdParams,
    response: AnchoredEventProofDocument,
    problems: [404, 409],
  })
  async proof(
    @Actor() actor: ActorContext,
    @ValidParams() params: { id: string },
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const result = await this.eventsService.proofBytes(actor.principal.tenantId, params.id);
    if (!result.ready) throw EventErrors.proofNotReady(result.status);
    if (wantsBinary(accept)) {
      void reply.header('content-type', 'application/octet-stream');
      void reply.header('content-disposition', `attachment; filename="event-${params.id}.spvproof"`);
      return result.bytes;
    }
    const decoded = decodeProofBinary(result.bytes);
    if (decoded.kind !== 'anchored-event') throw PlatformErrors.internal();
    return anchoredEventProofToJson(decoded.proof);
  }
}

/** Binary only when asked for explicitly (and preferred over JSON). */
function wantsBinary(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    return { type: type?.trim() ?? '', q: q ? Number(q.slice(2)) : 1 };
  });
  const binary = types.find((entry) => entry.type === 'application/octet-stream');
  const json = types.find((entry) => entry.type === 'application/json' || entry.type === '*/*');
  return binary !== undefined && binary.q > 0 && (json === undefined || binary.q >= json.q);
}
