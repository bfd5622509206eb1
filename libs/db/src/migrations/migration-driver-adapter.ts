import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { quoteDatabaseName, type PgConnectionOptions } from '../connection/database-url';
import { createPgPool } from '../connection/pg-pool.factory';

/**
 * Driver adapter factory for the WASM schema engine, built on @prisma/adapter-pg with its
 * migration-time defects corrected:
 * - the shadow database is addressed by discrete settings, never a connection string (adapter-pg
 *   7.10.1 spreads `{...config, database}` over a `connectionString`, which wins: the "shadow" was
 *   the main database);
 * - the shadow database is dropped `WITH (FORCE)` after its pool has ended (adapter-pg drops it
 *   while its own pool still holds connections);
 * - `"char"` columns come back as text (see CharAsTextClient);
 * - `executeScript` sends the script as one simple-protocol query, the way Prisma's native engine
 *   does, instead of adapter-pg's split on every `;` (which breaks `DO $$ … $$` blocks and string
 *   literals). PostgreSQL runs a multi-statement simple query in one implicit transaction, so a
 *   failing migration leaves nothing half-applied.
 * Every pool has one connection: the engine serializes migrations with a session-level advisory
 * lock, which only means something if all its statements share a session.
 */
export class MigrationDriverAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@spv-cloud/db:migrations';
  private readonly openAdapters = new Set<ScriptAwarePgAdapter>();

  constructor(private readonly connection: PgConnectionOptions) {}

  async connect(): Promise<SqlDriverAdapter> {
    return this.open(this.connection, () => Promise.resolve());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadowName = quoteDatabaseName(`prisma_shadow_${randomUUID().replaceAll('-', '')}`);
    const admin = new pg.Client({
      ...this.connection,
      ssl: this.connection.ssl === false ? false : { ...this.connection.ssl },
    });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${shadowName}`);
    } catch (error) {
      await admin.end();
      throw error;
    }
    const shadow = { ...this.connection, database: shadowName.slice(1, -1) };
    return this.open(shadow, async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${shadowName} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    });
  }

  /** Disposes adapters the engine left open (it does not always call dispose). */
  async close(): Promise<void> {
    await Promise.all([...this.openAdapters].map((adapter) => adapter.dispose()));
  }

  private async open(
    connection: PgConnectionOptions,
    afterPoolEnded: () => Promise<void>,
  ): Promise<SqlDriverAdapter> {
    const pool = createPgPool(connection, { max: 1, applicationName: 'spv-cloud-migrations' });
    const inner = await new PrismaPg(pool).connect();
    const adapter: ScriptAwarePgAdapter = new ScriptAwarePgAdapter(inner, async () => {
      this.openAdapters.delete(adapter);
      await pool.end();
      await afterPoolEnded();
    });
    this.openAdapters.add(adapter);
    return adapter;
  }
}

class ScriptAwarePgAdapter implements SqlDriverAdapter {
  readonly provider = 'postgres' as const;
  readonly adapterName: string;
  private disposed: Promise<void> | undefined;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly release: () => Promise<void>,
  ) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  async executeScript(script: string): Promise<void> {
    // No parameters → pg uses the simple query protocol, which accepts many statements at once;
    // errors still pass through adapter-pg's mapping to the engine's error kinds.
    await this.inner.executeRaw({ sql: script, args: [], argTypes: [] });
  }

  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  dispose(): Promise<void> {
    this.disposed ??= this.release();
    return this.disposed;
  }
}
