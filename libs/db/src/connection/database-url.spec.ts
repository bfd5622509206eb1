import { DbError } from '../db.errors';
import { parseDatabaseUrl, quoteDatabaseName, withDatabaseName } from './database-url';

describe('parseDatabaseUrl', () => {
  it('splits a URL into discrete settings, decoding credentials', () => {
    expect(parseDatabaseUrl('postgresql://app%40x:p%2Fw@db.internal:6543/spv?sslmode=require')).toEqual({
      host: 'db.internal',
      port: 6543,
      user: 'app@x',
      password: 'p/w',
      database: 'spv',
      ssl: { rejectUnauthorized: false },
    });
  });

  it('defaults the port, user and TLS', () => {
    expect(parseDatabaseUrl('postgres://127.0.0.1/spv')).toEqual({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      password: undefined,
      database: 'spv',
      ssl: false,
    });
  });

  it('verifies certificates for sslmode=verify-full', () => {
    expect(parseDatabaseUrl('postgres://h/d?sslmode=verify-full').ssl).toEqual({ rejectUnauthorized: true });
  });

  it.each([
    ['not a url', 'not-a-url'],
    ['another scheme', 'mysql://h/d'],
    ['no database', 'postgres://h/'],
    ['a nested path', 'postgres://h/a/b'],
  ])('refuses %s with DB_URL_INVALID', (_label, url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(expect.objectContaining({ code: 'DB_URL_INVALID' }));
    expect(() => parseDatabaseUrl(url)).toThrow(DbError);
  });
});

describe('withDatabaseName', () => {
  it('keeps server, credentials and parameters and swaps the database', () => {
    expect(withDatabaseName('postgresql://u:p@h:1/a?sslmode=require', 'b')).toBe(
      'postgresql://u:p@h:1/b?sslmode=require',
    );
  });
});

describe('quoteDatabaseName', () => {
  it('quotes plain identifiers', () => {
    expect(quoteDatabaseName('spv_test_1')).toBe('"spv_test_1"');
  });

  it.each(['a"; DROP DATABASE x; --', '1abc', 'x'.repeat(64), ''])('refuses %j', (name) => {
    expect(() => quoteDatabaseName(name)).toThrow(expect.objectContaining({ code: 'DB_URL_INVALID' }));
  });
});
