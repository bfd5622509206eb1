import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';
import { APP_LOGGER, type AppLogger } from '../../platform/logging/logger.provider';
import { REDIS, REDIS_SUBSCRIBER, type RedisClient } from '../../platform/redis/redis.tokens';

/** What the request path needs to decide about a key, cached under the key's SHA-256. */
export interface CachedApiKey {
  readonly id: string;
  readonly tenantId: string;
  readonly scopes: readonly string[];
  readonly plan: string;
  readonly tenantActive: boolean;
  /** Epoch milliseconds, or null. */
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
}

/** A cached lookup: the key, or the fact that no key has this hash (so guessing hits no database). */
export type ApiKeyLookup = { readonly found: true; readonly key: CachedApiKey } | { readonly found: false };

/** In-process entries live briefly; Redis holds them longer and is shared by every instance. */
const LOCAL_TTL_MS = 10_000;
const LOCAL_MAX_ENTRIES = 10_000;
const SHARED_TTL_SECONDS = 60;

/**
 * Two-level cache in front of the database for API key verification. A revocation deletes the
 * shared entry and publishes the hash, so every instance drops its local copy at once.
 */
@Injectable()
export class ApiKeyCacheRepository implements OnModuleInit, OnModuleDestroy {
  private readonly local = new Map<string, { lookup: ApiKeyLookup; until: number }>();
  private readonly channel: string;
  private readonly onMessage = (channel: string, hashHex: string): void => {
    if (channel === this.channel) this.local.delete(hashHex);
  };

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(REDIS_SUBSCRIBER) private readonly subscriber: RedisClient,
    @Inject(API_SETTINGS) settings: ApiSettings,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    this.channel = `${settings.redisKeyPrefix}apikey:invalidate`;
  }

  async onModuleInit(): Promise<void> {
    this.subscriber.on('message', this.onMessage);
    await this.subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    this.subscriber.off('message', this.onMessage);
    await this.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }

  /** The in-process entry, without touching Redis: the request path's fast lane. */
  peekLocal(hashHex: string, nowMs: number): ApiKeyLookup | undefined {
    const local = this.local.get(hashHex);
    if (local && local.until > nowMs) return local.lookup;
    return undefined;
  }

  async get(hashHex: string, nowMs: number): Promise<ApiKeyLookup | undefined> {
    const local = this.local.get(hashHex);
    if (local && local.until > nowMs) return local.lookup;
    if (local) this.local.delete(hashHex);
    let raw: string | null;
    try {
      raw = await this.redis.get(this.sharedKey(hashHex));
    } catch (error) {
      // The cache is an accelerator: with Redis away, verification falls through to the database.
      this.logger.warn({ err: error }, 'api key cache read failed');
      return undefined;
    }
    if (raw === null) return undefined;
    const lookup = JSON.parse(raw) as ApiKeyLookup;
    this.remember(hashHex, lookup, nowMs);
    return lookup;
  }

  async set(hashHex: string, lookup: ApiKeyLookup, nowMs: number): Promise<void> {
    this.remember(hashHex, lookup, nowMs);
    try {
      await this.redis.set(this.sharedKey(hashHex), JSON.stringify(lookup), 'EX', SHARED_TTL_SECONDS);
    } catch (error) {
      this.logger.warn({ err: error }, 'api key cache write failed');
    }
  }

  /** Forgets a key everywhere; call after any change to it (revoke, rotate). */
  async invalidate(hashHex: string): Promise<void> {
    this.local.delete(hashHex);
    await this.redis.del(this.sharedKey(hashHex));
    await this.redis.publish(this.channel, hashHex);
  }

  private remember(hashHex: string, lookup: ApiKeyLookup, nowMs: number): void {
    if (this.local.size >= LOCAL_MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.local.keys().next();
      if (!oldest.done) this.local.delete(oldest.value);
    }
    this.local.set(hashHex, { lookup, until: nowMs + LOCAL_TTL_MS });
  }

  private sharedKey(hashHex: string): string {
    return `apikey:${hashHex}`;
  }
}
