import { DbError } from '../db.errors';

/** Discrete pg connection settings. Kept apart from a connection string on purpose: pg gives a
 * `connectionString` precedence over `database`, which is how adapter-pg 7.10.1's shadow database
 * silently became the main one. */
export interface PgConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string | undefined;
  readonly database: string;
  readonly ssl: false | { readonly rejectUnauthorized: boolean };
}

const SUPPORTED_PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** Parses `postgres://user:pass@host:port/db?sslmode=…` into discrete settings. */
export function parseDatabaseUrl(databaseUrl: string): PgConnectionOptions {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch (cause) {
    throw new DbError('DB_URL_INVALID', 'database URL is not a valid URL', { cause });
  }
  if (!SUPPORTED_PROTOCOLS.has(url.protocol)) {
    throw new DbError(
      'DB_URL_INVALID',
      `database URL must use postgres:// or postgresql://, got ${url.protocol}`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    throw new DbError('DB_URL_INVALID', 'database URL must name exactly one database in its path');
  }
  const port = url.port === '' ? 5432 : Number(url.port);
  const sslmode = url.searchParams.get('sslmode');
  const ssl =
    sslmode === null || sslmode === 'disable' || sslmode === 'prefer' || sslmode === 'allow'
      ? false
      : { rejectUnauthorized: sslmode === 'verify-full' || sslmode === 'verify-ca' };
  return {
    host: decodeURIComponent(url.hostname) || '127.0.0.1',
    port,
    user: decodeURIComponent(url.username) || 'postgres',
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    database,
    ssl,
  };
}

/** The same server and credentials, another database (test databases, shadow databases). */
export function withDatabaseName(databaseUrl: string, database: string): string {
  parseDatabaseUrl(databaseUrl);
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** A safe identifier for CREATE/DROP DATABASE: letters, digits, underscore; at most 63 bytes. */
export function quoteDatabaseName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new DbError('DB_URL_INVALID', `unsupported database name: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}
