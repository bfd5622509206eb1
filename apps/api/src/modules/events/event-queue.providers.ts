import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { JobProducer, QueueClients } from '@spv-cloud/queue';
import { EVENTS_SETTINGS, type EventsSettings } from './events.settings';

/** The BullMQ producers of the API (seal nudges, webhook replays). */
export const QUEUE_CLIENTS = Symbol('QueueClients');

export const eventQueueProviders: Provider[] = [
  {
    provide: QUEUE_CLIENTS,
    inject: [EVENTS_SETTINGS],
    useFactory: (settings: EventsSettings) => new QueueClients(settings.queue),
  },
  {
    provide: JobProducer,
    inject: [QUEUE_CLIENTS],
    useFactory: (queues: QueueClients) => new JobProducer(queues),
  },
];

@Injectable()
export class EventQueueConnection implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CLIENTS) private readonly queues: QueueClients) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }
}
