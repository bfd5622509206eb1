import { Inject, Injectable } from '@nestjs/common';
import type { ApiKey, Database } from '@spv-cloud/db';
import { DATABASE } from '../../platform/database/database.providers';
import type { PagePosition } from '../../platform/http/page-cursor';
import type { AuditEntryInput } from '../audit/audit-entry';
import { writeAuditEntry } from '../audit/audit.repository';
import type { ApiKeyEnvironment } from './api-key-format';

export type ApiKeyRecord = ApiKey;

export interface NewApiKey {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly prefix: string;
  readonly start: string;
  readonly hash: Buffer;
  readonly environment: ApiKeyEnvironment;
  readonly createdByUserId: string | null;
  readonly expiresAt: Date | null;
}

/** What verification needs about a key and its tenant, read before any tenant is known. */
export interface ApiKeyVerificationRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly tenantActive: boolean;
  readonly plan: string;
}

const ENVIRONMENT = { live: 'LIVE', test: 'TEST' } as const;

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Hash lookup across tenants: the only cross-tenant read on the request path. */
  findForVerification(hash: Buffer): Promise<ApiKeyVerificationRecord | null> {
    return this.database.system.runAcrossTenants('auth.api-key-verify', async (tx) => {
      const row = await tx.apiKey.findUnique({
        where: { hash: new Uint8Array(hash) },
        select: {
          id: true,
          tenantId: true,
          scopes: true,
          expiresAt: true,
          revokedAt: true,
          tenant: { select: { status: true, planCode: true } },
        },
      });
      if (!row) return null;
      return {
        id: row.id,
        tenantId: row.tenantId,
        scopes: row.scopes,
        expiresAt: row.expiresAt,
        revokedAt: row.revokedAt,
        tenantActive: row.tenant.status === 'ACTIVE',
        plan: row.tenant.planCode,
      };
    });
  }

  /**
   * Creates a key unless the tenant already has `maxActive` active keys. The check and the insert
   * hold a per-tenant advisory lock, so concurrent creations cannot overshoot the plan's limit.
   */
  create(
    tenantId: string,
    key: NewApiKey,
    limit: { maxActive: number; now: Date },
    audit: (id: string) => AuditEntryInput,
  ): Promise<ApiKeyRecord | 'limit_reached'> {
    return this.database.tenant.run(tenantId, async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`api_keys:${tenantId}`}, 0))`;
      const active = await tx.apiKey.count({
        where: { tenantId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: limit.now } }] },
      });
      if (active >= limit.maxActive) return 'limit_reached';
      const created = await tx.apiKey.create({ data: this.toCreateData(tenantId, key, null) });
      await writeAuditEntry(tx, tenantId, audit(created.id));
      return created;
    });
  }

  find(tenantId: string, id: string): Promise<ApiKeyRecord | null> {
    return this.database.tenant.run(tenantId, (tx) => tx.apiKey.findFirst({ where: { tenantId, id } }));
  }

  list(
    tenantId: string,
    options: { limit: number; after: PagePosition | undefined },
  ): Promise<ApiKeyRecord[]> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.apiKey.findMany({
        where: {
          tenantId,
          ...(options.after
            ? {
                OR: [
                  { createdAt: { lt: options.after.createdAt } },
                  { createdAt: options.after.createdAt, id: { lt: options.after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: options.limit + 1,
      }),
    );
  }

  /** Revokes an active key; null when the key does not exist in this tenant. Idempotent. */
  revoke(tenantId: string, id: string, at: Date, audit: AuditEntryInput): Promise<ApiKeyRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const existing = await tx.apiKey.findFirst({ where: { tenantId, id } });
      if (!existing) return null;
      if (existing.revokedAt) return existing;
      const revoked = await tx.apiKey.update({ where: { id: existing.id }, data: { revokedAt: at } });
      await writeAuditEntry(tx, tenantId, audit);
      return revoked;
    });
  }

  /**
   * Issues `replacement` for key `id` and retires the old key — revoked at once, or left to expire at
   * `oldKeyExpiresAt` — in one transaction. Null when the key does not exist in this tenant.
   */
  rotate(
    tenantId: string,
    id: string,
    replacement: Omit<NewApiKey, 'name' | 'scopes'>,
    retire: { revokeAt: Date } | { expireAt: Date },
    audit: (old: ApiKeyRecord, created: ApiKeyRecord) => AuditEntryInput,
  ): Promise<{ old: ApiKeyRecord; created: ApiKeyRecord } | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      const existing = await tx.apiKey.findFirst({ where: { tenantId, id } });
      if (!existing) return null;
      const created = await tx.apiKey.create({
        data: this.toCreateData(
          tenantId,
          { ...replacement, name: existing.name, scopes: existing.scopes },
          existing.id,
        ),
      });
      const retireData =
        'revokeAt' in retire
          ? { revokedAt: retire.revokeAt }
          : {
              expiresAt:
                existing.expiresAt && existing.expiresAt < retire.expireAt
                  ? existing.expiresAt
                  : retire.expireAt,
            };
      const old = await tx.apiKey.update({ where: { id: existing.id }, data: retireData });
      await writeAuditEntry(tx, tenantId, audit(old, created));
      return { old, created };
    });
  }

  /** Records last use of many keys in one statement per tenant; never moves a timestamp backwards. */
  async recordLastUsed(entries: readonly { tenantId: string; id: string; at: Date }[]): Promise<void> {
    const byTenant = new Map<string, { id: string; at: Date }[]>();
    for (const entry of entries) {
      let list = byTenant.get(entry.tenantId);
      if (!list) byTenant.set(entry.tenantId, (list = []));
      list.push({ id: entry.id, at: entry.at });
    }
    for (const [tenantId, keys] of byTenant) {
      const ids = keys.map((key) => key.id);
      const times = keys.map((key) => key.at.toISOString());
      await this.database.tenant.run(
        tenantId,
        (tx) =>
          tx.$executeRaw`
          UPDATE api_keys AS k SET last_used_at = u.at
          FROM unnest(${ids}::uuid[], ${times}::timestamptz[]) AS u(id, at)
          WHERE k.id = u.id AND k.tenant_id = ${tenantId}::uuid AND (k.last_used_at IS NULL OR k.last_used_at < u.at)`,
      );
    }
  }

  private toCreateData(tenantId: string, key: NewApiKey, rotatedFromId: string | null) {
    return {
      tenantId,
      name: key.name,
      scopes: [...key.scopes],
      prefix: key.prefix,
      start: key.start,
      hash: new Uint8Array(key.hash),
      environment: ENVIRONMENT[key.environment],
      createdByUserId: key.createdByUserId,
      expiresAt: key.expiresAt,
      rotatedFromId,
    };
  }
}
