import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@spv-cloud/db';
import { DATABASE } from '../database/database.providers';
import type { HealthIndicator } from './health-indicator';

@Injectable()
export class PostgresHealthIndicator implements HealthIndicator {
  readonly name = 'postgres';

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async check(): Promise<void> {
    await this.database.client.$queryRaw`SELECT 1`;
  }
}
