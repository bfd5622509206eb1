import { Injectable } from '@nestjs/common';
import { ClockRepository } from '../../platform/clock/clock.repository';
import type {
  RegisterSubmitterKeyBody,
  SubmitterKeyList,
  SubmitterKeyView,
} from './dto/submitter-key.schemas';
import { EventErrors } from './events.errors';
import { ed25519PublicKey } from './submitter-signature';
import {
  MAX_SUBMITTER_KEYS,
  SubmitterKeysRepository,
  type SubmitterKeyRecord,
} from './submitter-keys.repository';

/** The ed25519 public keys a tenant's submitters sign events with. */
@Injectable()
export class SubmitterKeysService {
  constructor(
    private readonly repository: SubmitterKeysRepository,
    private readonly clock: ClockRepository,
  ) {}

  async register(tenantId: string, input: RegisterSubmitterKeyBody): Promise<SubmitterKeyView> {
    const publicKey = Buffer.from(input.publicKey, 'hex');
    try {
      ed25519PublicKey(publicKey);
    } catch {
      throw EventErrors.signatureInvalid([
        { name: 'body.publicKey', reason: 'is not an ed25519 public key' },
      ]);
    }
    const created = await this.repository.create(tenantId, { name: input.name, publicKey });
    if (created === 'exists') throw EventErrors.submitterKeyExists();
    if (created === 'limit_reached') {
      throw EventErrors.submitterKeyLimitReached(MAX_SUBMITTER_KEYS);
    }
    return toSubmitterKeyView(created);
  }

  async list(tenantId: string): Promise<SubmitterKeyList> {
    return { items: (await this.repository.list(tenantId)).map(toSubmitterKeyView) };
  }

  async revoke(tenantId: string, id: string): Promise<SubmitterKeyView> {
    const revoked = await this.repository.revoke(tenantId, id, this.clock.now());
    if (!revoked) throw EventErrors.submitterKeyNotFound();
    return toSubmitterKeyView(revoked);
  }
}

export function toSubmitterKeyView(record: SubmitterKeyRecord): SubmitterKeyView {
  return {
    id: record.id,
    name: record.name,
    algorithm: 'ed25519',
    publicKey: Buffer.from(record.publicKey).toString('hex'),
    status: record.revokedAt ? 'revoked' : 'active',
    createdAt: record.createdAt.toISOString(),
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
  };
}
