import { strictMock } from '../../../test/support/strict-mock';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { generateApiKey } from './api-key-format';
import { ApiKeyCacheRepository, type ApiKeyLookup } from './api-key-cache.repository';
import { ApiKeyUsageTracker } from './api-key-usage.tracker';
import { ApiKeyVerifier } from './api-key-verifier.service';
import { ApiKeysRepository } from './api-keys.repository';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const KEY = generateApiKey('live', Buffer.alloc(32, 5)).key;
const found = (overrides: Partial<Extract<ApiKeyLookup, { found: true }>['key']> = {}): ApiKeyLookup => ({
  found: true,
  key: {
    id: 'k1',
    tenantId: 't1',
    scopes: ['verify'],
    plan: 'PRO',
    tenantActive: true,
    expiresAt: null,
    revokedAt: null,
    ...overrides,
  },
});

describe('ApiKeyVerifier', () => {
  let cache: jest.Mocked<ApiKeyCacheRepository>;
  let repository: jest.Mocked<ApiKeysRepository>;
  let usage: jest.Mocked<ApiKeyUsageTracker>;
  let verifier: ApiKeyVerifier;

  beforeEach(() => {
    const crypto = new CryptoRepository();
    const clock = strictMock(ClockRepository);
    clock.now.mockReturnValue(NOW);
    cache = strictMock(ApiKeyCacheRepository);
    repository = strictMock(ApiKeysRepository);
    usage = strictMock(ApiKeyUsageTracker);
    usage.touch.mockReturnValue();
    cache.set.mockResolvedValue();
    cache.peekLocal.mockReturnValue(undefined);
    verifier = new ApiKeyVerifier(crypto, clock, cache, repository, usage);
  });

  it('rejects malformed tokens without any lookup', async () => {
    expect(await verifier.verify('spv_live_short')).toEqual({ valid: false, reason: 'malformed' });
  });

  it('decides synchronously from the in-process cache', () => {
    cache.peekLocal.mockReturnValue(found());
    const result = verifier.verify(KEY);
    expect(result).not.toBeInstanceOf(Promise);
    expect((result as { valid: boolean }).valid).toBe(true);
  });

  it('serves from cache without the database and records use in memory', async () => {
    cache.get.mockResolvedValue(found());
    const result = await verifier.verify(KEY);
    expect(result).toEqual({
      valid: true,
      principal: { kind: 'api_key', tenantId: 't1', apiKeyId: 'k1', scopes: ['verify'], plan: 'PRO' },
    });
    expect(usage.touch).toHaveBeenCalledWith('t1', 'k1', NOW);
  });

  it('falls through to the database on a miss, caching hits and misses alike', async () => {
    cache.get.mockResolvedValue(undefined);
    repository.findForVerification.mockResolvedValueOnce(null);
    expect(await verifier.verify(KEY)).toEqual({ valid: false, reason: 'unknown' });
    expect(cache.set).toHaveBeenLastCalledWith(
      expect.stringMatching(/^[0-9a-f]{64}$/),
      { found: false },
      NOW.getTime(),
    );
    repository.findForVerification.mockResolvedValueOnce({
      id: 'k1',
      tenantId: 't1',
      scopes: ['verify'],
      expiresAt: null,
      revokedAt: null,
      tenantActive: true,
      plan: 'FREE',
    });
    expect((await verifier.verify(KEY)).valid).toBe(true);
    expect(repository.findForVerification.mock.calls[1]![0]).toEqual(new CryptoRepository().sha256(KEY));
  });

  it.each([
    ['revoked', { revokedAt: NOW.getTime() - 1 }],
    ['expired', { expiresAt: NOW.getTime() }],
    ['tenant_inactive', { tenantActive: false }],
  ] as const)('tells %s apart', async (reason, overrides) => {
    cache.get.mockResolvedValue(found(overrides));
    expect(await verifier.verify(KEY)).toEqual({ valid: false, reason });
    expect(usage.touch).not.toHaveBeenCalled();
  });

  it('accepts a key whose revocation or expiry lies in the future (rotation grace)', async () => {
    cache.get.mockResolvedValue(found({ expiresAt: NOW.getTime() + 1000, revokedAt: NOW.getTime() + 1000 }));
    expect((await verifier.verify(KEY)).valid).toBe(true);
  });
});
