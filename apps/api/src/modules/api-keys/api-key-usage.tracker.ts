import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';
import { APP_LOGGER, type AppLogger } from '../../platform/logging/logger.provider';
import { ApiKeysRepository } from './api-keys.repository';

/**
 * Collects "key K was used at T" in memory and writes them in one statement per tenant every
 * `apiKeyLastUsedFlushMs`, so verification never writes to the database per request.
 */
@Injectable()
export class ApiKeyUsageTracker implements OnModuleInit, OnApplicationShutdown {
  private pending = new Map<string, { tenantId: string; id: string; at: Date }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly apiKeysRepository: ApiKeysRepository,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.settings.apiKeyLastUsedFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  touch(tenantId: string, id: string, at: Date): void {
    this.pending.set(id, { tenantId, id, at });
  }

  /** Writes everything collected so far; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = [...this.pending.values()];
      this.pending = new Map();
      try {
        await this.apiKeysRepository.recordLastUsed(batch);
      } catch (error) {
        this.logger.warn({ err: error, keys: batch.length }, 'recording API key last use failed');
      }
    });
    return this.flushing;
  }
}
