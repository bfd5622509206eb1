import { Inject, Injectable } from '@nestjs/common';
import type { ActorContext } from '../../platform/auth/actor-context';
import { API_SETTINGS, type ApiSettings } from '../../platform/config/api-settings';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { PlatformErrors } from '../../platform/errors/platform.errors';
import { decodeCursor, toPage } from '../../platform/http/page-cursor';
import { auditByPrincipal } from '../audit/audit-entry';
import { PlansRepository } from '../tenants/plans.repository';
import { API_KEY_SECRET_BYTES, generateApiKey } from './api-key-format';
import { ApiKeyCacheRepository } from './api-key-cache.repository';
import { ApiKeyErrors } from './api-keys.errors';
import { ApiKeysRepository, type ApiKeyRecord } from './api-keys.repository';
import type { ApiKeyView, CreateApiKeyBody, CreatedApiKey, RotateApiKeyBody } from './dto/api-key.schemas';
import type { PageQuery } from '../../platform/http/common.schemas';

/** Creating, listing, revoking and rotating a tenant's API keys. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly apiKeysRepository: ApiKeysRepository,
    private readonly plansRepository: PlansRepository,
    private readonly cache: ApiKeyCacheRepository,
    private readonly crypto: CryptoRepository,
    private readonly clock: ClockRepository,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async create(tenantId: string, actor: ActorContext, input: CreateApiKeyBody): Promise<CreatedApiKey> {
    const now = this.clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= now) {
      throw PlatformErrors.validationFailed([{ name: 'body.expiresAt', reason: 'must be in the future' }]);
    }
    const plan = await this.plansRepository.limitsFor(actor.principal.plan);
    const generated = generateApiKey(
      this.settings.apiKeyEnvironment,
      this.crypto.randomBytes(API_KEY_SECRET_BYTES),
    );
    const record = await this.apiKeysRepository.create(
      tenantId,
      {
        name: input.name,
        scopes: input.scopes,
        prefix: generated.prefix,
        start: generated.start,
        hash: this.crypto.sha256(generated.key),
        environment: generated.environment,
        createdByUserId: actor.principal.kind === 'user' ? actor.principal.userId : null,
        expiresAt,
      },
      { maxActive: plan.maxApiKeys, now },
      (id) =>
        auditByPrincipal(actor, 'api_key.created', 'api_key', id, { name: input.name, scopes: input.scopes }),
    );
    if (record === 'limit_reached') throw ApiKeyErrors.limitReached(plan.maxApiKeys);
    return { ...toCreatedApiKey(record), key: generated.key };
  }

  async list(
    tenantId: string,
    query: PageQuery,
  ): Promise<{ items: ApiKeyView[]; nextCursor: string | null }> {
    const after = decodeCursor(query.cursor);
    const rows = await this.apiKeysRepository.list(tenantId, { limit: query.limit, after });
    const now = this.clock.now();
    return toPage(rows, query.limit, (row) => toApiKeyView(row, now));
  }

  async get(tenantId: string, id: string): Promise<ApiKeyView> {
    const record = await this.apiKeysRepository.find(tenantId, id);
    if (!record) throw ApiKeyErrors.notFound();
    return toApiKeyView(record, this.clock.now());
  }

  async revoke(tenantId: string, actor: ActorContext, id: string): Promise<ApiKeyView> {
    const now = this.clock.now();
    const record = await this.apiKeysRepository.revoke(
      tenantId,
      id,
      now,
      auditByPrincipal(actor, 'api_key.revoked', 'api_key', id),
    );
    if (!record) throw ApiKeyErrors.notFound();
    await this.cache.invalidate(Buffer.from(record.hash).toString('hex'));
    return toApiKeyView(record, now);
  }

  async rotate(
    tenantId: string,
    actor: ActorContext,
    id: string,
    input: RotateApiKeyBody,
  ): Promise<CreatedApiKey> {
    const now = this.clock.now();
    const existing = await this.apiKeysRepository.find(tenantId, id);
    if (!existing) throw ApiKeyErrors.notFound();
    if (keyStatus(existing, now) !== 'active') throw ApiKeyErrors.revoked();

    const generated = generateApiKey(
      this.settings.apiKeyEnvironment,
      this.crypto.randomBytes(API_KEY_SECRET_BYTES),
    );
    const retire =
      input.gracePeriodSeconds > 0
        ? { expireAt: new Date(now.getTime() + input.gracePeriodSeconds * 1000) }
        : { revokeAt: now };
    const rotated = await this.apiKeysRepository.rotate(
      tenantId,
      id,
      {
        prefix: generated.prefix,
        start: generated.start,
        hash: this.crypto.sha256(generated.key),
        environment: generated.environment,
        createdByUserId: actor.principal.kind === 'user' ? actor.principal.userId : null,
        expiresAt: existing.expiresAt,
      },
      retire,
      (old, created) =>
        auditByPrincipal(actor, 'api_key.rotated', 'api_key', old.id, {
          replacementId: created.id,
          gracePeriodSeconds: input.gracePeriodSeconds,
        }),
    );
    if (!rotated) throw ApiKeyErrors.notFound();
    await this.cache.invalidate(Buffer.from(rotated.old.hash).toString('hex'));
    return { ...toCreatedApiKey(rotated.created), key: generated.key };
  }
}

export function keyStatus(record: ApiKeyRecord, now: Date): ApiKeyView['status'] {
  if (record.revokedAt && record.revokedAt <= now) return 'revoked';
  if (record.expiresAt && record.expiresAt <= now) return 'expired';
  return 'active';
}

const ENVIRONMENTS = { LIVE: 'live', TEST: 'test' } as const;

export function toApiKeyView(record: ApiKeyRecord, now: Date): ApiKeyView {
  return {
    id: record.id,
    name: record.name,
    scopes: record.scopes as ApiKeyView['scopes'],
    start: record.start,
    environment: ENVIRONMENTS[record.environment],
    status: keyStatus(record, now),
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    rotatedFromId: record.rotatedFromId,
  };
}

function toCreatedApiKey(record: ApiKeyRecord): Omit<CreatedApiKey, 'key'> {
  return {
    id: record.id,
    name: record.name,
    scopes: record.scopes as CreatedApiKey['scopes'],
    start: record.start,
    environment: ENVIRONMENTS[record.environment],
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
  };
}
