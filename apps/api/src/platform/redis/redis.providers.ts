import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { API_SETTINGS, type ApiSettings } from '../config/api-settings';
import { REDIS, REDIS_SUBSCRIBER, type RedisClient } from './redis.tokens';

function connect(settings: ApiSettings, withPrefix: boolean): Redis {
  return new Redis(settings.redisUrl, {
    ...(withPrefix ? { keyPrefix: settings.redisKeyPrefix } : {}),
    // Fail a command quickly while Redis is away instead of queueing requests behind it.
    maxRetriesPerRequest: 2,
    connectTimeout: 2_000,
    enableAutoPipelining: true,
  });
}

export const redisProviders: Provider[] = [
  { provide: REDIS, inject: [API_SETTINGS], useFactory: (settings: ApiSettings) => connect(settings, true) },
  {
    provide: REDIS_SUBSCRIBER,
    inject: [API_SETTINGS],
    useFactory: (settings: ApiSettings) => connect(settings, false),
  },
];

@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(REDIS_SUBSCRIBER) private readonly subscriber: RedisClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.redis.quit(), this.subscriber.quit()]);
  }
}
