import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Database, type SubmitterKey } from '@spv-cloud/db';
import { DATABASE } from '../../platform/database/database.providers';

export type SubmitterKeyRecord = SubmitterKey;

/** At most this many keys per tenant (listing is not paginated). */
export const MAX_SUBMITTER_KEYS = 100;

@Injectable()
export class SubmitterKeysRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** 'exists' when the tenant already registered this public key; 'limit_reached' past MAX_SUBMITTER_KEYS. */
  async create(
    tenantId: string,
    input: { name: string; publicKey: Buffer },
  ): Promise<SubmitterKeyRecord | 'exists' | 'limit_reached'> {
    try {
      return await this.database.tenant.run(tenantId, async (tx) => {
        const count = await tx.submitterKey.count({ where: { tenantId, revokedAt: null } });
        if (count >= MAX_SUBMITTER_KEYS) return 'limit_reached' as const;
        return tx.submitterKey.create({
          data: { tenantId, name: input.name, publicKey: new Uint8Array(input.publicKey) },
        });
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return 'exists';
      throw error;
    }
  }

  list(tenantId: string): Promise<SubmitterKeyRecord[]> {
    return this.database.tenant.run(tenantId, (tx) =>
      tx.submitterKey.findMany({
        where: { tenantId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 1_000,
      }),
    );
  }

  /** Revokes once (the first revocation time stays); null when the tenant has no such key. */
  revoke(tenantId: string, id: string, now: Date): Promise<SubmitterKeyRecord | null> {
    return this.database.tenant.run(tenantId, async (tx) => {
      await tx.submitterKey.updateMany({
        where: { tenantId, id, revokedAt: null },
        data: { revokedAt: now },
      });
      return tx.submitterKey.findFirst({ where: { tenantId, id } });
    });
  }
}
