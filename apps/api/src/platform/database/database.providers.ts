import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createDatabase, type Database } from '@spv-cloud/db';
import { API_SETTINGS, type ApiSettings } from '../config/api-settings';
import { APP_LOGGER, type AppLogger } from '../logging/logger.provider';

/** DI token for the process's `Database` (RLS-scoped `tenant` door, explicit `system` door). */
export const DATABASE = Symbol('Database');

export const databaseProvider: Provider = {
  provide: DATABASE,
  inject: [API_SETTINGS, APP_LOGGER],
  useFactory: (settings: ApiSettings, logger: AppLogger): Database =>
    createDatabase(settings.databaseUrl, {
      applicationName: 'spv-api',
      poolSize: settings.databasePoolSize,
      onPoolError: (error) => logger.warn({ err: error }, 'database pool error'),
    }),
};

@Injectable()
export class DatabaseConnection implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
