import { Inject, Injectable } from '@nestjs/common';
import { API_SETTINGS, type ApiSettings } from '../config/api-settings';
import { APP_LOGGER, type AppLogger } from '../logging/logger.provider';
import { HEALTH_INDICATORS, type HealthIndicator } from './health-indicator';

export interface DependencyStatus {
  readonly status: 'up' | 'down';
  readonly latencyMs: number;
  /** `timeout` or `unavailable`: never the underlying error text, which stays in the logs. */
  readonly error?: 'timeout' | 'unavailable';
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<string, DependencyStatus>;
}

/** Runs every health indicator at once, each bounded by `readinessTimeoutMs`. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(HEALTH_INDICATORS) private readonly indicators: readonly HealthIndicator[],
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async readiness(): Promise<Readiness> {
    const results = await Promise.all(this.indicators.map((indicator) => this.run(indicator)));
    const checks: Record<string, DependencyStatus> = {};
    this.indicators.forEach((indicator, index) => {
      checks[indicator.name] = results[index]!;
    });
    return { ready: results.every((result) => result.status === 'up'), checks };
  }

  private async run(indicator: HealthIndicator): Promise<DependencyStatus> {
    const started = performance.now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve('timeout');
      }, this.settings.readinessTimeoutMs);
    });
    try {
      const outcome = await Promise.race([
        indicator.check(controller.signal).then(() => 'up' as const),
        timeout,
      ]);
      const latencyMs = Math.round(performance.now() - started);
      if (outcome === 'up') return { status: 'up', latencyMs };
      this.logger.warn({ dependency: indicator.name }, 'readiness check timed out');
      return { status: 'down', latencyMs, error: 'timeout' };
    } catch (error) {
      this.logger.warn({ dependency: indicator.name, err: error }, 'readiness check failed');
      return { status: 'down', latencyMs: Math.round(performance.now() - started), error: 'unavailable' };
    } finally {
      clearTimeout(timer);
    }
  }
}
