import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@spv-cloud/db';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { DATABASE } from '../../platform/database/database.providers';
import { PlatformErrors } from '../../platform/errors/platform.errors';

/** The limits of a plan the API enforces on every request. */
export interface PlanLimits {
  readonly code: string;
  /** Tenant-wide token bucket. */
  readonly requestsPerMinute: number;
  readonly burst: number;
  /** Per-API-key token bucket (plan `features.apiKeyRequestsPerMinute`/`apiKeyBurst`, else the tenant's). */
  readonly apiKeyRequestsPerMinute: number;
  readonly apiKeyBurst: number;
  readonly maxApiKeys: number;
}

// Plans change by migration or admin action, rarely: a minute of staleness is acceptable.
const CATALOG_TTL_MS = 60_000;

/** The plan catalog (not tenant data), read through the system door and cached in process. */
@Injectable()
export class PlansRepository {
  private catalog: { plans: Map<string, PlanLimits>; until: number } | undefined;
  private loading: Promise<Map<string, PlanLimits>> | undefined;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly clock: ClockRepository,
  ) {}

  /** The limits when the catalog is loaded and fresh; undefined means call `limitsFor`. */
  cachedLimitsFor(planCode: string): PlanLimits | undefined {
    const catalog = this.catalog;
    if (!catalog || catalog.until <= this.clock.now().getTime()) return undefined;
    return catalog.plans.get(planCode);
  }

  async limitsFor(planCode: string): Promise<PlanLimits> {
    const plans = await this.plans();
    const limits = plans.get(planCode);
    // A tenant on a plan missing from the catalog is a data error, not the caller's.
    if (!limits) throw PlatformErrors.internal();
    return limits;
  }

  private async plans(): Promise<Map<string, PlanLimits>> {
    const now = this.clock.now().getTime();
    if (this.catalog && this.catalog.until > now) return this.catalog.plans;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    const plans = await this.loading;
    this.catalog = { plans, until: now + CATALOG_TTL_MS };
    return plans;
  }

  private async load(): Promise<Map<string, PlanLimits>> {
    const rows = await this.database.system.runAcrossTenants('catalog.plans', (tx) => tx.plan.findMany());
    return new Map(
      rows.map((row) => {
        const features = (row.features ?? {}) as Record<string, unknown>;
        const positive = (value: unknown, fallback: number) =>
          typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
        return [
          row.code,
          {
            code: row.code,
            requestsPerMinute: row.requestsPerMinute,
            burst: row.burst,
            apiKeyRequestsPerMinute: positive(features.apiKeyRequestsPerMinute, row.requestsPerMinute),
            apiKeyBurst: positive(features.apiKeyBurst, row.burst),
            maxApiKeys: row.maxApiKeys,
          },
        ];
      }),
    );
  }
}
