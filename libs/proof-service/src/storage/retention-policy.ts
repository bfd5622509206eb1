import { DAY_MS } from '../platform/clock';
import { invalidArgument } from '../proof-service.errors';

/**
 * The hot TTLs a tenant may choose. Each has one bucket lifecycle rule (bucket-lifecycle.ts) that
 * moves blobs tagged with it to the archive storage class, so the set is small and fixed.
 */
export const HOT_TTL_DAY_CHOICES = [1, 7, 30, 90, 180, 365] as const;
export type HotTtlDays = (typeof HOT_TTL_DAY_CHOICES)[number];
export const MAX_ARCHIVE_YEARS = 100;

/** A tenant's retention policy (tenants.hot_ttl_days, archive_years, legal_hold…). */
export interface RetentionPolicy {
  /** Days an issued proof stays in the hot storage class. */
  readonly hotTtlDays: number;
  /** Years it then stays in the archive class before it is deleted. */
  readonly archiveYears: number;
  /** While set, nothing of the tenant is deleted, whatever its age. */
  readonly legalHold: boolean;
  readonly legalHoldReason: string | null;
  readonly legalHoldSetAt: Date | null;
}

export function isHotTtlChoice(days: number): days is HotTtlDays {
  return (HOT_TTL_DAY_CHOICES as readonly number[]).includes(days);
}

export function checkRetentionPolicy(policy: Pick<RetentionPolicy, 'hotTtlDays' | 'archiveYears'>): void {
  if (!isHotTtlChoice(policy.hotTtlDays)) {
    throw invalidArgument(`hotTtlDays must be one of ${HOT_TTL_DAY_CHOICES.join(', ')}`);
  }
  if (
    !Number.isSafeInteger(policy.archiveYears) ||
    policy.archiveYears < 0 ||
    policy.archiveYears > MAX_ARCHIVE_YEARS
  ) {
    throw invalidArgument(`archiveYears must be an integer in 0..${MAX_ARCHIVE_YEARS}`);
  }
}

/** The hot tag a stored blob gets for a tenant: its policy's hot TTL, rounded up to a lifecycle choice. */
export function hotDaysTag(hotTtlDays: number): HotTtlDays {
  return HOT_TTL_DAY_CHOICES.find((choice) => choice >= hotTtlDays) ?? 365;
}

/**
 * Total retention in milliseconds: hot days, then archive years counted as 365 days each (a fixed
 * length, so the deadline does not depend on calendars or leap years).
 */
export function retentionMs(policy: Pick<RetentionPolicy, 'hotTtlDays' | 'archiveYears'>): number {
  return (policy.hotTtlDays + policy.archiveYears * 365) * DAY_MS;
}

/** When something issued at `issuedAt` becomes deletable under `policy`. */
export function retentionDeadline(
  issuedAt: Date,
  policy: Pick<RetentionPolicy, 'hotTtlDays' | 'archiveYears'>,
): Date {
  return new Date(issuedAt.getTime() + retentionMs(policy));
}

/** The newest issue time that is already past retention at `now` (things issued before it are deletable). */
export function retentionCutoff(
  now: Date,
  policy: Pick<RetentionPolicy, 'hotTtlDays' | 'archiveYears'>,
): Date {
  return new Date(now.getTime() - retentionMs(policy));
}
