import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueError } from './queue.errors';
import { type QueueName } from './queue-names';

export interface QueueConnectionOptions {
  readonly redisUrl: string;
  /**
   * BullMQ key prefix (`<prefix>:<queue>:…`). BullMQ refuses ioredis `keyPrefix`, so environments and
   * test runs are separated here instead: e.g. `spv:bull`, or a unique prefix per test.
   */
  readonly prefix: string;
}

const PREFIX = /^[A-Za-z0-9:_-]{1,100}$/;

export function checkQueueConnection(options: QueueConnectionOptions): QueueConnectionOptions {
  if (typeof options?.redisUrl !== 'string' || !/^rediss?:\/\//.test(options.redisUrl)) {
    throw new QueueError('QUEUE_CONFIG_INVALID', 'redisUrl must be a redis:// or rediss:// URL');
  }
  if (typeof options.prefix !== 'string' || !PREFIX.test(options.prefix)) {
    throw new QueueError('QUEUE_CONFIG_INVALID', 'prefix must be 1-100 characters of letters, digits, : _ -');
  }
  return options;
}

/**
 * The producer side's BullMQ queues over one Redis connection, created on first use. Producers fail
 * fast while Redis is away (one retry per command) instead of queueing behind it: work is durable in
 * PostgreSQL first, and the sweep re-nudges anything a lost job would leave behind.
 */
export class QueueClients {
  private readonly queues = new Map<QueueName, Queue>();
  private connection: Redis | undefined;
  private closed = false;

  constructor(readonly options: QueueConnectionOptions) {
    checkQueueConnection(options);
  }

  queue(name: QueueName): Queue {
    if (this.closed) throw new QueueError('QUEUE_CONFIG_INVALID', 'queue clients are closed');
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= new Redis(this.options.redisUrl, {
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
      });
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
