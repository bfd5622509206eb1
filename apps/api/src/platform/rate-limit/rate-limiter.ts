import { Injectable } from '@nestjs/common';
import { ClockRepository } from '../clock/clock.repository';
import {
  type BucketSpec,
  type BucketState,
  type RateLimitDecision,
  RateLimitRepository,
} from './rate-limit.repository';

/** Buckets at least this large are charged through local leases; smaller ones stay exact. */
export const LEASE_MIN_CAPACITY = 1_000;
/** A lease is at most 1 % of the bucket, and never more than this many tokens. */
export const LEASE_MAX_TOKENS = 100;
/** Leased tokens not spent within this time are dropped (never given back). */
export const LEASE_TTL_MS = 1_000;
const MAX_LEASES = 50_000;

interface Lease {
  tokens: number;
  readonly expiresAt: number;
  /** What Redis reported when the lease was taken, for the RateLimit-* headers. */
  readonly remainingAtLease: number;
  readonly msUntilFull: number;
  readonly capacity: number;
}

/**
 * Token buckets shared by every API instance through Redis. Large buckets (plans with thousands of
 * requests a minute) are drawn down in small leases kept in process, so only about one request
 * in a hundred waits for Redis; the shared budget is still never exceeded, since every leased token
 * was taken atomically in Redis. Unspent leased tokens expire after a second, which can only make
 * the limit stricter, by at most one lease per instance and bucket. Small buckets (free plans,
 * per-IP limits) are charged exactly, one Redis round trip per request.
 */
@Injectable()
export class RateLimiter {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly repository: RateLimitRepository,
    private readonly clock: ClockRepository,
  ) {}

  /** Admits the request from leases alone when every bucket has one; undefined means call `take`. */
  tryTakeLocally(buckets: readonly BucketSpec[]): RateLimitDecision | undefined {
    const now = this.clock.now().getTime();
    for (const bucket of buckets) {
      const lease = this.leases.get(bucket.key);
      if (!lease || lease.tokens < 1 || lease.expiresAt <= now || lease.capacity !== bucket.capacity)
        return undefined;
    }
    for (const bucket of buckets) this.leases.get(bucket.key)!.tokens -= 1;
    return { allowed: true, retryAfterMs: 0, buckets: buckets.map((bucket) => this.stateFromLease(bucket)) };
  }

  async take(buckets: readonly BucketSpec[]): Promise<RateLimitDecision> {
    const now = this.clock.now().getTime();
    const leased: Lease[] = [];
    const remote: BucketSpec[] = [];
    for (const bucket of buckets) {
      const lease = this.leases.get(bucket.key);
      if (lease && lease.tokens >= 1 && lease.expiresAt > now && lease.capacity === bucket.capacity)
        leased.push(lease);
      else remote.push(bucket);
    }
    if (remote.length === 0) {
      for (const lease of leased) lease.tokens -= 1;
      return {
        allowed: true,
        retryAfterMs: 0,
        buckets: buckets.map((bucket) => this.stateFromLease(bucket)),
      };
    }
    const result = await this.repository.take(
      remote.map((bucket) => ({ ...bucket, want: leaseSize(bucket) })),
    );
    if (result.allowed) {
      for (const lease of leased) lease.tokens -= 1;
      for (const taken of result.buckets) this.storeLease(taken.key, taken.taken - 1, taken, now);
    }
    const fromRedis = new Map(result.buckets.map((bucket) => [bucket.key, bucket]));
    return {
      allowed: result.allowed,
      retryAfterMs: result.retryAfterMs,
      buckets: buckets.map((bucket) => {
        const state = fromRedis.get(bucket.key);
        return state ? this.withLocalTokens(state) : this.stateFromLease(bucket);
      }),
    };
  }

  private storeLease(key: string, extraTokens: number, state: BucketState, now: number): void {
    const existing = this.leases.get(key);
    const carried = existing && existing.expiresAt > now ? existing.tokens : 0;
    if (extraTokens <= 0 && carried <= 0) {
      this.leases.delete(key);
      return;
    }
    if (!existing && this.leases.size >= MAX_LEASES) this.dropExpired(now);
    this.leases.set(key, {
      tokens: carried + Math.max(0, extraTokens),
      expiresAt: now + LEASE_TTL_MS,
      remainingAtLease: state.remaining,
      msUntilFull: state.msUntilFull,
      capacity: state.capacity,
    });
  }

  private stateFromLease(bucket: BucketSpec): BucketState {
    const lease = this.leases.get(bucket.key);
    return {
      key: bucket.key,
      capacity: bucket.capacity,
      remaining: (lease?.remainingAtLease ?? 0) + Math.floor(lease?.tokens ?? 0),
      msUntilFull: lease?.msUntilFull ?? 0,
    };
  }

  private withLocalTokens(state: BucketState): BucketState {
    const lease = this.leases.get(state.key);
    return lease ? { ...state, remaining: state.remaining + Math.floor(lease.tokens) } : state;
  }

  private dropExpired(now: number): void {
    for (const [key, lease] of this.leases) if (lease.expiresAt <= now) this.leases.delete(key);
    if (this.leases.size >= MAX_LEASES) this.leases.clear();
  }
}

/** Tokens to ask Redis for at once: 1 for small buckets, up to 1 % (≤ 100) for large ones. */
export function leaseSize(bucket: BucketSpec): number {
  if (bucket.capacity < LEASE_MIN_CAPACITY) return 1;
  return Math.min(LEASE_MAX_TOKENS, Math.floor(bucket.capacity / 100));
}
