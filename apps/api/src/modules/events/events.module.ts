import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';
import { JobProducer } from '@spv-cloud/queue';
import { EventQueueConnection, eventQueueProviders, QUEUE_CLIENTS } from './event-queue.providers';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';
import { EVENTS_SETTINGS, eventsSettingsFrom } from './events.settings';
import { registerNdjsonPassthrough } from './ndjson-content-type';
import { SubmitterKeysController } from './submitter-keys.controller';
import { SubmitterKeysRepository } from './submitter-keys.repository';
import { SubmitterKeysService } from './submitter-keys.service';
import { UuidV7Generator } from './uuid-v7.generator';

/** Event ingest (REST JSON/NDJSON and GraphQL), event status and proofs, submitter keys. */
@Module({
  controllers: [EventsController, SubmitterKeysController],
  providers: [
    {
      provide: EVENTS_SETTINGS,
      inject: [API_SETTINGS],
      useFactory: (settings: ApiSettings) => eventsSettingsFrom(settings),
    },
    { provide: UuidV7Generator, useFactory: () => new UuidV7Generator() },
    ...eventQueueProviders,
    EventQueueConnection,
    EventsRepository,
    EventsService,
    EventsResolver,
    SubmitterKeysRepository,
    SubmitterKeysService,
  ],
  exports: [EventsService, EVENTS_SETTINGS, QUEUE_CLIENTS, JobProducer],
})
export class EventsModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (instance) registerNdjsonPassthrough(instance);
  }
}
