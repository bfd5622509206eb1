import pg from 'pg';
import type { PgConnectionOptions } from './database-url';

// PostgreSQL's internal single-byte `"char"` type (used by the catalogs the schema engine reads:
// pg_class.relkind, pg_constraint.contype…) is not mapped by @prisma/adapter-pg 7.10.1, which then
// fails the whole query. We present it as what it is to a client: text.
const CHAR_OID = 18;
const CHAR_ARRAY_OID = 1002;
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const parseTextArray = (
  pg.types.getTypeParser as (oid: number, format: 'text') => (value: string) => string[]
)(TEXT_ARRAY_OID, 'text');

interface FieldLike {
  name: string;
  dataTypeID: number;
}
interface ResultLike {
  fields?: FieldLike[];
  rows?: unknown[];
}

function presentCharAsText(result: unknown): unknown {
  if (Array.isArray(result)) return result.map(presentCharAsText);
  const { fields, rows } = (result ?? {}) as ResultLike;
  if (!fields || !rows) return result;
  fields.forEach((field, index) => {
    if (field.dataTypeID === CHAR_OID) {
      field.dataTypeID = TEXT_OID;
    } else if (field.dataTypeID === CHAR_ARRAY_OID) {
      field.dataTypeID = TEXT_ARRAY_OID;
      for (const row of rows) {
        if (Array.isArray(row)) {
          if (typeof row[index] === 'string') row[index] = parseTextArray(row[index]);
        } else if (row && typeof row === 'object') {
          const record = row as Record<string, unknown>;
          const value = record[field.name];
          if (typeof value === 'string') record[field.name] = parseTextArray(value);
        }
      }
    }
  });
  return result;
}

type QueryCallback = (error: Error | null, result: unknown) => void;

/** A pg client whose results never carry the `"char"` type OIDs (see above). */
export class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as QueryCallback;
      args[callbackIndex] = (error: Error | null, result: unknown) =>
        callback(error, error ? result : presentCharAsText(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (callbackIndex < 0 && returned instanceof Promise) {
      return returned.then(presentCharAsText) as never;
    }
    return returned as never;
  }
}

export interface PgPoolOptions {
  /** Pool size; the migration runner uses 1 so the engine's session-level advisory lock holds. */
  readonly max?: number;
  readonly applicationName?: string;
  readonly idleTimeoutMillis?: number;
  readonly connectionTimeoutMillis?: number;
}

export function createPgPool(connection: PgConnectionOptions, options: PgPoolOptions = {}): pg.Pool {
  return new pg.Pool({
    host: connection.host,
    port: connection.port,
    user: connection.user,
    password: connection.password,
    database: connection.database,
    ssl: connection.ssl === false ? false : { ...connection.ssl },
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    application_name: options.applicationName ?? 'spv-cloud',
    Client: CharAsTextClient,
  });
}
