import { Injectable } from '@nestjs/common';
import type { ApiKeyPrincipal } from '../../platform/auth/principal';
import type { ApiKeyScope } from '../../platform/auth/api-key-scopes';
import { ClockRepository } from '../../platform/clock/clock.repository';
import { CryptoRepository } from '../../platform/crypto/crypto.repository';
import { looksLikeApiKey } from './api-key-format';
import { ApiKeyCacheRepository, type ApiKeyLookup } from './api-key-cache.repository';
import { ApiKeyUsageTracker } from './api-key-usage.tracker';
import { ApiKeysRepository } from './api-keys.repository';

/** Why a key was refused: logged to tell incidents apart; every one of them answers 401. */
export type ApiKeyRejection = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'tenant_inactive';

export type ApiKeyVerification =
  | { readonly valid: true; readonly principal: ApiKeyPrincipal }
  | { readonly valid: false; readonly reason: ApiKeyRejection };

/**
 * unkey's verification path: shape check → SHA-256 → cache (process, then Redis) → database →
 * status. Known and unknown hashes are both cached, so neither valid traffic nor guessing reaches
 * the database more than once per cache period.
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly crypto: CryptoRepository,
    private readonly clock: ClockRepository,
    private readonly cache: ApiKeyCacheRepository,
    private readonly apiKeysRepository: ApiKeysRepository,
    private readonly usage: ApiKeyUsageTracker,
  ) {}

  /**
   * Decides synchronously when the key is in the in-process cache (the common case), otherwise
   * returns a promise that consults Redis and then the database.
   */
  verify(token: string): ApiKeyVerification | Promise<ApiKeyVerification> {
    if (!looksLikeApiKey(token)) return { valid: false, reason: 'malformed' };
    const hash = this.crypto.sha256(token);
    const hashHex = hash.toString('hex');
    const now = this.clock.now();
    const local = this.cache.peekLocal(hashHex, now.getTime());
    if (local) return this.decide(local, now);
    return this.lookUp(hash, hashHex, now);
  }

  private async lookUp(hash: Buffer, hashHex: string, now: Date): Promise<ApiKeyVerification> {
    const nowMs = now.getTime();
    let lookup = await this.cache.get(hashHex, nowMs);
    if (!lookup) {
      const record = await this.apiKeysRepository.findForVerification(hash);
      lookup = record
        ? {
            found: true,
            key: {
              id: record.id,
              tenantId: record.tenantId,
              scopes: record.scopes,
              plan: record.plan,
              tenantActive: record.tenantActive,
              expiresAt: record.expiresAt?.getTime() ?? null,
              revokedAt: record.revokedAt?.getTime() ?? null,
            },
          }
        : { found: false };
      await this.cache.set(hashHex, lookup, nowMs);
    }
    return this.decide(lookup, now);
  }

  private decide(lookup: ApiKeyLookup, now: Date): ApiKeyVerification {
    if (!lookup.found) return { valid: false, reason: 'unknown' };
    const { key } = lookup;
    const nowMs = now.getTime();
    if (key.revokedAt !== null && key.revokedAt <= nowMs) return { valid: false, reason: 'revoked' };
    if (key.expiresAt !== null && key.expiresAt <= nowMs) return { valid: false, reason: 'expired' };
    if (!key.tenantActive) return { valid: false, reason: 'tenant_inactive' };
    this.usage.touch(key.tenantId, key.id, now);
    return {
      valid: true,
      principal: {
        kind: 'api_key',
        tenantId: key.tenantId,
        apiKeyId: key.id,
        scopes: key.scopes as ApiKeyScope[],
        plan: key.plan,
      },
    };
  }
}
