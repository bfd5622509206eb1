import type { Redis } from 'ioredis';

/** Command connection; every key it touches is prefixed with `ApiSettings.redisKeyPrefix`. */
export const REDIS = Symbol('Redis');
/** A second connection in subscriber mode (a subscribed connection cannot run commands). */
export const REDIS_SUBSCRIBER = Symbol('RedisSubscriber');
export type RedisClient = Redis;
