import { strictMock } from '../../../test/support/strict-mock';
import type { ActorContext } from '../../platform/auth/actor-context';
import type { ApiSettings } from '../../platform/config/api-settings';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { ApiError } from '../../platform/errors/api-error';
import { PlansRepository } from '../tenants/plans.repository';
import { ApiKeyCacheRepository } from './api-key-cache.repository';
import { ApiKeysRepository, type ApiKeyRecord } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

const TENANT = '01a20000-0000-7000-8000-000000000001';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const actor: ActorContext = {
  principal: {
    kind: 'user',
    tenantId: TENANT,
    userId: '01a20000-0000-7000-8000-0000000000aa',
    role: 'developer',
    plan: 'FREE',
  },
  ip: '203.0.113.9',
  userAgent: 'jest',
  requestId: 'req-1',
};

function record(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: '01a20000-0000-7000-8000-0000000000k1',
    tenantId: TENANT,
    name: 'CI',
    scopes: ['proofs:read'],
    prefix: 'spv_test',
    start: 'spv_test_abcdef',
    hash: new Uint8Array(32).fill(9),
    environment: 'TEST',
    createdByUserId: actor.principal.kind === 'user' ? actor.principal.userId : null,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    rotatedFromId: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

describe('ApiKeysService', () => {
  let repository: jest.Mocked<ApiKeysRepository>;
  let plans: jest.Mocked<PlansRepository>;
  let cache: jest.Mocked<ApiKeyCacheRepository>;
  let crypto: jest.Mocked<CryptoRepository>;
  let clock: jest.Mocked<ClockRepository>;
  let service: ApiKeysService;

  beforeEach(() => {
    repository = strictMock(ApiKeysRepository);
    plans = strictMock(PlansRepository);
    cache = strictMock(ApiKeyCacheRepository);
    crypto = strictMock(CryptoRepository);
    clock = strictMock(ClockRepository);
    clock.now.mockReturnValue(NOW);
    crypto.randomBytes.mockReturnValue(Buffer.alloc(32, 1));
    crypto.sha256.mockImplementation((input) => Buffer.from(`hash:${String(input)}`));
    plans.limitsFor.mockResolvedValue({
      code: 'FREE',
      requestsPerMinute: 60,
      burst: 120,
      apiKeyRequestsPerMinute: 60,
      apiKeyBurst: 120,
      maxApiKeys: 5,
    });
    service = new ApiKeysService(repository, plans, cache, crypto, clock, {
      apiKeyEnvironment: 'test',
    } as ApiSettings);
  });

  describe('create', () => {
    it('stores the hash and start, never the key, and returns the key once', async () => {
      repository.create.mockImplementation((_tenant, key, _limit, audit) => {
        expect(audit('new-id')).toMatchObject({
          action: 'api_key.created',
          targetId: 'new-id',
          metadata: { name: 'CI' },
        });
        return Promise.resolve(record({ name: key.name, scopes: [...key.scopes], start: key.start }));
      });
      const created = await service.create(TENANT, actor, { name: 'CI', scopes: ['proofs:read'] });
      expect(created.key).toMatch(/^spv_test_/);
      const stored = repository.create.mock.calls[0]![1];
      expect(stored).toMatchObject({
        prefix: 'spv_test',
        hash: Buffer.from(`hash:${created.key}`),
        createdByUserId: '01a20000-0000-7000-8000-0000000000aa',
      });
      expect(JSON.stringify(stored)).not.toContain(created.key);
      expect(stored.start).toBe(created.key.slice(0, 15));
      expect(repository.create.mock.calls[0]![0]).toBe(TENANT);
      expect(repository.create.mock.calls[0]![2]).toEqual({ maxActive: 5, now: NOW });
    });

    it('refuses an expiry in the past before touching the database', async () => {
      await expect(
        service.create(TENANT, actor, { name: 'x', scopes: ['verify'], expiresAt: '2026-11-25T11:59:59Z' }),
      ).rejects.toMatchObject({
        code: 'validation_failed',
        invalidParams: [{ name: 'body.expiresAt', reason: 'must be in the future' }],
      });
    });

    it('maps the plan limit to api_key_limit_reached', async () => {
      repository.create.mockResolvedValue('limit_reached');
      await expect(service.create(TENANT, actor, { name: 'x', scopes: ['verify'] })).rejects.toMatchObject({
        code: 'api_key_limit_reached',
        status: 409,
      });
    });
  });

  describe('get / revoke', () => {
    it('answers 404 for a key the tenant does not have', async () => {
      repository.find.mockResolvedValue(null);
      await expect(service.get(TENANT, 'missing')).rejects.toMatchObject({
        code: 'api_key_not_found',
        status: 404,
      });
      repository.revoke.mockResolvedValue(null);
      await expect(service.revoke(TENANT, actor, 'missing')).rejects.toBeInstanceOf(ApiError);
    });

    it('reports status from revocation and expiry times', async () => {
      repository.find.mockResolvedValueOnce(record({ expiresAt: new Date(NOW.getTime() - 1) }));
      expect((await service.get(TENANT, 'k')).status).toBe('expired');
      repository.find.mockResolvedValueOnce(record({ revokedAt: NOW }));
      expect((await service.get(TENANT, 'k')).status).toBe('revoked');
      repository.find.mockResolvedValueOnce(record({ expiresAt: new Date(NOW.getTime() + 1) }));
      expect((await service.get(TENANT, 'k')).status).toBe('active');
    });

    it('evicts the revoked key from the verification cache', async () => {
      repository.revoke.mockResolvedValue(record({ revokedAt: NOW }));
      cache.invalidate.mockResolvedValue();
      const view = await service.revoke(TENANT, actor, 'k');
      expect(view.status).toBe('revoked');
      expect(cache.invalidate).toHaveBeenCalledWith(Buffer.alloc(32, 9).toString('hex'));
    });
  });

  describe('rotate', () => {
    it('refuses a revoked key', async () => {
      repository.find.mockResolvedValue(record({ revokedAt: NOW }));
      await expect(service.rotate(TENANT, actor, 'k', { gracePeriodSeconds: 0 })).rejects.toMatchObject({
        code: 'api_key_revoked',
      });
    });

    it('revokes at once without grace, or lets the old key expire after it', async () => {
      repository.find.mockResolvedValue(record());
      repository.rotate.mockImplementation(() =>
        Promise.resolve({ old: record(), created: record({ id: 'new' }) }),
      );
      cache.invalidate.mockResolvedValue();
      await service.rotate(TENANT, actor, 'k', { gracePeriodSeconds: 0 });
      expect(repository.rotate.mock.calls[0]![3]).toEqual({ revokeAt: NOW });
      await service.rotate(TENANT, actor, 'k', { gracePeriodSeconds: 60 });
      expect(repository.rotate.mock.calls[1]![3]).toEqual({ expireAt: new Date(NOW.getTime() + 60_000) });
      expect(cache.invalidate).toHaveBeenCalledTimes(2);
    });
  });
});
