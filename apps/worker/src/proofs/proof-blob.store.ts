import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@spv-cloud/db';
import { WORKER_DATABASE } from '../platform/worker-database';

export interface ProofBlob {
  /** Object key (what it would be called in S3): deterministic, so a retried job rewrites nothing. */
  readonly key: string;
  readonly bytes: Buffer;
}

/**
 * Where event proof bytes live. Blobs are written before the rows that point at them (an orphan
 * blob from a crash is harmless, a row without its blob is not), and writes are idempotent by key,
 * so the store can move to object storage (issue 6's S3 ProofStore) without changing callers.
 */
export interface ProofBlobStore {
  putMany(tenantId: string, blobs: readonly ProofBlob[]): Promise<void>;
  get(tenantId: string, key: string): Promise<Buffer | undefined>;
}

export const PROOF_BLOB_STORE = Symbol('ProofBlobStore');

/** The object key of an event's proof built against one anchoring block. */
export function eventProofKey(tenantId: string, batchId: string, blockHash: string, eventId: string): string {
  return `tenants/${tenantId}/event-proofs/${batchId}/${blockHash}/${eventId}.spvproof`;
}

const CHUNK = 500;

/** ProofBlobStore in PostgreSQL `proof_blobs` (bytea), under the tenant's row-level security. */
@Injectable()
export class PostgresProofBlobStore implements ProofBlobStore {
  constructor(@Inject(WORKER_DATABASE) private readonly database: Database) {}

  async putMany(tenantId: string, blobs: readonly ProofBlob[]): Promise<void> {
    for (let start = 0; start < blobs.length; start += CHUNK) {
      const chunk = blobs.slice(start, start + CHUNK);
      await this.database.tenant.run(
        tenantId,
        (tx) => tx.$executeRaw`
          INSERT INTO proof_blobs (id, tenant_id, key, content, byte_size, created_at)
          SELECT gen_random_uuid(), ${tenantId}::uuid, u.key, decode(u.content, 'hex'), u.size, now()
            FROM unnest(${chunk.map((blob) => blob.key)}::text[],
                        ${chunk.map((blob) => blob.bytes.toString('hex'))}::text[],
                        ${chunk.map((blob) => blob.bytes.length)}::int[]) AS u(key, content, size)
          ON CONFLICT (tenant_id, key) DO NOTHING`,
        { timeoutMs: 30_000 },
      );
    }
  }

  async get(tenantId: string, key: string): Promise<Buffer | undefined> {
    const blob = await this.database.tenant.run(tenantId, (tx) =>
      tx.proofBlob.findUnique({ where: { tenantId_key: { tenantId, key } }, select: { content: true } }),
    );
    return blob ? Buffer.from(blob.content) : undefined;
  }
}
