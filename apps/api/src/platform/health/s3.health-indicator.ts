import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { API_SETTINGS, type ApiSettings } from '../config/api-settings';
import type { HealthIndicator } from './health-indicator';

/** The proof bucket must exist and accept our credentials. */
@Injectable()
export class S3HealthIndicator implements HealthIndicator, OnApplicationShutdown {
  readonly name = 's3';
  private readonly client: S3Client;

  constructor(@Inject(API_SETTINGS) private readonly settings: ApiSettings) {
    this.client = new S3Client({
      region: settings.s3.region,
      ...(settings.s3.endpoint ? { endpoint: settings.s3.endpoint } : {}),
      forcePathStyle: settings.s3.forcePathStyle,
      // The SDK writes into the credentials it is given; configuration is frozen, so it gets a copy.
      ...(settings.s3.credentials ? { credentials: { ...settings.s3.credentials } } : {}),
      maxAttempts: 1,
    });
  }

  async check(signal: AbortSignal): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.settings.s3.bucket }), {
      abortSignal: signal,
    });
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}
