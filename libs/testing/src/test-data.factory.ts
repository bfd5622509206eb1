import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import type {
  ApiKey,
  ApiKeyEnvironment,
  Database,
  Membership,
  MemberRole,
  Prisma,
  Tenant,
  User,
} from '@spv-cloud/db';

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
// Cheap argon2id parameters for fixtures: verification reads them from the encoded hash, so
// the API verifies these exactly like production hashes, only faster.
const FIXTURE_ARGON2 = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;
const PURPOSE = 'testing.factory';

function base58(bytes: Uint8Array): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (value > 0n) {
    out = BASE58_ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

export interface CreatedUser {
  readonly user: User;
  /** The clear-text password, for logging in through the API. */
  readonly password: string;
}

export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  /** The full secret (`spv_test_…`), as the API would have shown it once. */
  readonly key: string;
}

export interface ApiKeyOverrides {
  readonly name?: string;
  readonly scopes?: readonly string[];
  readonly environment?: 'live' | 'test';
  readonly expiresAt?: Date | null;
  readonly revokedAt?: Date | null;
}

/**
 * Rows for tests, written through the explicit cross-tenant door (as sign-up would). Every value
 * is unique per call so parallel tests never collide. Formats match what the API writes: API keys
 * are `spv_<env>_<base58 of 32 random bytes>` stored as sha256 + display start; passwords argon2id.
 */
export class TestDataFactory {
  constructor(private readonly db: Database) {}

  tenant(overrides: Partial<Prisma.TenantUncheckedCreateInput> = {}): Promise<Tenant> {
    const suffix = randomBytes(4).toString('hex');
    return this.db.system.runAcrossTenants(PURPOSE, (tx) =>
      tx.tenant.create({ data: { name: `Tenant ${suffix}`, slug: `tenant-${suffix}`, ...overrides } }),
    );
  }

  async user(
    overrides: { email?: string; password?: string; displayName?: string } = {},
  ): Promise<CreatedUser> {
    const password = overrides.password ?? `pw-${randomBytes(12).toString('base64url')}`;
    const passwordHash = await argon2.hash(password, FIXTURE_ARGON2);
    const user = await this.db.system.runAcrossTenants(PURPOSE, (tx) =>
      tx.user.create({
        data: {
          email: (overrides.email ?? `user-${randomUUID()}@example.test`).trim().toLowerCase(),
          passwordHash,
          displayName: overrides.displayName ?? null,
        },
      }),
    );
    return { user, password };
  }

  member(tenantId: string, userId: string, role: MemberRole = 'OWNER'): Promise<Membership> {
    return this.db.system.runAcrossTenants(PURPOSE, (tx) =>
      tx.membership.create({ data: { tenantId, userId, role } }),
    );
  }

  /** A tenant, a user and the user's OWNER membership. */
  async tenantWithOwner(): Promise<{ tenant: Tenant; membership: Membership } & CreatedUser> {
    const tenant = await this.tenant();
    const created = await this.user();
    const membership = await this.member(tenant.id, created.user.id, 'OWNER');
    return { tenant, membership, ...created };
  }

  async apiKey(tenantId: string, overrides: ApiKeyOverrides = {}): Promise<CreatedApiKey> {
    const environment = overrides.environment ?? 'test';
    const prefix = `spv_${environment}`;
    const secret = base58(randomBytes(32));
    const key = `${prefix}_${secret}`;
    const apiKey = await this.db.system.runAcrossTenants(PURPOSE, (tx) =>
      tx.apiKey.create({
        data: {
          tenantId,
          name: overrides.name ?? `key-${randomBytes(3).toString('hex')}`,
          scopes: [...(overrides.scopes ?? ['events:write', 'proofs:read'])],
          prefix,
          start: `${prefix}_${secret.slice(0, 6)}`,
          hash: createHash('sha256').update(key).digest(),
          environment: environment.toUpperCase() as ApiKeyEnvironment,
          expiresAt: overrides.expiresAt ?? null,
          revokedAt: overrides.revokedAt ?? null,
        },
      }),
    );
    return { apiKey, key };
  }
}
