import { Inject, Injectable } from '@nestjs/common';
import { REDIS, type RedisClient } from '../redis/redis.tokens';

/** One token bucket: `capacity` tokens, refilled at `refillPerMinute`. */
export interface BucketSpec {
  readonly key: string;
  readonly capacity: number;
  readonly refillPerMinute: number;
}

/** A bucket to charge, with how many tokens the caller would like to take at most (≥ 1). */
export interface BucketTake extends BucketSpec {
  readonly want: number;
}

export interface BucketState {
  readonly key: string;
  readonly capacity: number;
  readonly remaining: number;
  /** Milliseconds until the bucket is full again. */
  readonly msUntilFull: number;
}

export interface TakenBucket extends BucketState {
  /** Tokens taken from this bucket: between 1 and `want` when allowed, 0 when refused. */
  readonly taken: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** When denied: milliseconds until every bucket has a token again. */
  readonly retryAfterMs: number;
  readonly buckets: readonly BucketState[];
}

export interface TakeResult {
  readonly allowed: boolean;
  readonly retryAfterMs: number;
  readonly buckets: readonly TakenBucket[];
}

// Token buckets checked and charged in one atomic step: either every bucket has a token and each
// gives up to `want` of them (at least one), or none is charged. Time comes from the Redis server,
// so API instances with skewed clocks still share one consistent budget.
const TAKE_TOKENS_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local count = #KEYS
local levels = {}
local allowed = 1
local retry = 0
for i = 1, count do
  local capacity = tonumber(ARGV[i * 3 - 2])
  local rate = tonumber(ARGV[i * 3 - 1])
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(state[1])
  local at = tonumber(state[2])
  if tokens == nil or at == nil then
    tokens = capacity
    at = now
  end
  tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
  levels[i] = tokens
  if tokens < 1 then
    allowed = 0
    local wait = math.ceil((1 - tokens) / rate)
    if wait > retry then retry = wait end
  end
end
local out = { allowed, retry }
for i = 1, count do
  local capacity = tonumber(ARGV[i * 3 - 2])
  local rate = tonumber(ARGV[i * 3 - 1])
  local want = tonumber(ARGV[i * 3])
  local tokens = levels[i]
  local taken = 0
  if allowed == 1 then
    taken = math.max(1, math.min(want, math.floor(tokens)))
    tokens = tokens - taken
  end
  local untilFull = math.ceil((capacity - tokens) / rate)
  redis.call('HSET', KEYS[i], 'tokens', string.format('%.6f', tokens), 'at', now)
  redis.call('PEXPIRE', KEYS[i], untilFull + 1000)
  out[#out + 1] = taken
  out[#out + 1] = math.floor(tokens)
  out[#out + 1] = untilFull
end
return out
`;

type TakeTokens = (...args: (string | number)[]) => Promise<number[]>;

/** Distributed rate-limit state in Redis, shared by every API instance. */
@Injectable()
export class RateLimitRepository {
  private readonly takeTokensCommand: TakeTokens;

  constructor(@Inject(REDIS) redis: RedisClient) {
    if (!('spvTakeTokens' in redis)) redis.defineCommand('spvTakeTokens', { lua: TAKE_TOKENS_LUA });
    const command = (redis as unknown as { spvTakeTokens: TakeTokens }).spvTakeTokens;
    this.takeTokensCommand = command.bind(redis);
  }

  async take(buckets: readonly BucketTake[]): Promise<TakeResult> {
    const args: (string | number)[] = [buckets.length];
    for (const bucket of buckets) args.push(`ratelimit:${bucket.key}`);
    for (const bucket of buckets)
      args.push(bucket.capacity, bucket.refillPerMinute / 60_000, Math.max(1, Math.floor(bucket.want)));
    const raw = await this.takeTokensCommand(...args);
    return {
      allowed: raw[0] === 1,
      retryAfterMs: raw[1] ?? 0,
      buckets: buckets.map((bucket, index) => ({
        key: bucket.key,
        capacity: bucket.capacity,
        taken: raw[2 + index * 3] ?? 0,
        remaining: Math.max(0, raw[3 + index * 3] ?? 0),
        msUntilFull: raw[4 + index * 3] ?? 0,
      })),
    };
  }
}
