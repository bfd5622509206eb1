import type { Database, ProvenanceCheckpoint } from '@spv-cloud/db';
import { dbBytes } from '../platform/db-bytes';
import { toProvenanceEntry, type StoredProvenanceEntry } from './provenance-log.repository';

/** A checkpoint (signed tree head) of the provenance log, and where it was anchored on chain. */
export interface CheckpointRecord {
  readonly id: string;
  readonly treeSize: bigint;
  readonly rootHash: Buffer;
  readonly signature: Buffer;
  readonly signingKeyId: string;
  readonly anchor: {
    readonly network: string;
    readonly chainId: number;
    readonly requestKey: string;
    readonly blockHash: string | null;
    readonly blockHeight: number | null;
    readonly anchoredAt: Date | null;
  } | null;
  readonly createdAt: Date;
}

const READ = 'provenance.read';
const WRITE = 'worker.provenance-checkpoint';

/**
 * Reads of the provenance log and its checkpoints. Entries are read in the tenant's scope (a tenant
 * sees its own); building Merkle proofs needs every leaf hash, which only the system scope sees — leaf
 * hashes reveal nothing of other tenants' entries.
 */
export class ProvenanceRepository {
  constructor(private readonly database: Database) {}

  async entriesForSubject(tenantId: string, subjectId: string): Promise<StoredProvenanceEntry[]> {
    const rows = await this.database.tenant.run(tenantId, (tx) =>
      tx.provenanceEntry.findMany({ where: { tenantId, subjectId }, orderBy: { sequence: 'asc' } }),
    );
    return rows.map(toProvenanceEntry);
  }

  /** The log's size (its next sequence). */
  async size(): Promise<bigint> {
    const rows = await this.database.system.runAcrossTenants(
      READ,
      (tx) =>
        tx.$queryRaw<
          { size: bigint }[]
        >`SELECT COALESCE(MAX(sequence) + 1, 0)::bigint AS size FROM provenance_entries`,
    );
    return BigInt(rows[0]?.size ?? 0n);
  }

  /** Stored leaf hashes of the first `size` entries, flat. */
  async leaves(size: bigint): Promise<Buffer> {
    return this.database.system.runAcrossTenants(
      READ,
      async (tx) => {
        const rows = await tx.$queryRaw<{ leaf_hash: Uint8Array }[]>`
        SELECT leaf_hash FROM provenance_entries WHERE sequence < ${size} ORDER BY sequence`;
        const flat = Buffer.allocUnsafe(rows.length * 32);
        rows.forEach((row, i) => flat.set(row.leaf_hash, i * 32));
        return flat;
      },
      { timeoutMs: 120_000 },
    );
  }

  /** Every entry (with its fields) in sequence order, from `from`, at most `limit`: for the audit. */
  async entries(from: bigint, limit: number): Promise<StoredProvenanceEntry[]> {
    const rows = await this.database.system.runAcrossTenants(READ, (tx) =>
      tx.provenanceEntry.findMany({
        where: { sequence: { gte: from } },
        orderBy: { sequence: 'asc' },
        take: limit,
      }),
    );
    return rows.map(toProvenanceEntry);
  }

  async checkpoints(): Promise<CheckpointRecord[]> {
    const rows = await this.database.system.runAcrossTenants(READ, (tx) =>
      tx.provenanceCheckpoint.findMany({ orderBy: { treeSize: 'asc' } }),
    );
    return rows.map(toCheckpoint);
  }

  async latestCheckpoint(): Promise<CheckpointRecord | null> {
    const row = await this.database.system.runAcrossTenants(READ, (tx) =>
      tx.provenanceCheckpoint.findFirst({ orderBy: { treeSize: 'desc' } }),
    );
    return row ? toCheckpoint(row) : null;
  }

  async checkpointOfSize(treeSize: bigint): Promise<CheckpointRecord | null> {
    const row = await this.database.system.runAcrossTenants(READ, (tx) =>
      tx.provenanceCheckpoint.findUnique({ where: { treeSize } }),
    );
    return row ? toCheckpoint(row) : null;
  }

  async insertCheckpoint(input: {
    treeSize: bigint;
    rootHash: Buffer;
    signature: Buffer;
    signingKeyId: string;
    now: Date;
  }): Promise<CheckpointRecord> {
    const row = await this.database.system.runAcrossTenants(WRITE, (tx) =>
      tx.provenanceCheckpoint.create({
        data: {
          treeSize: input.treeSize,
          rootHash: dbBytes(input.rootHash),
          signature: dbBytes(input.signature),
          signingKeyId: input.signingKeyId,
          createdAt: input.now,
        },
      }),
    );
    return toCheckpoint(row);
  }

  async recordAnchorSubmitted(
    id: string,
    anchor: { network: string; chainId: number; requestKey: string },
  ): Promise<void> {
    await this.database.system.runAcrossTenants(WRITE, (tx) =>
      tx.provenanceCheckpoint.update({
        where: { id },
        data: {
          anchoredNetwork: anchor.network,
          anchoredChainId: anchor.chainId,
          anchoredRequestKey: anchor.requestKey,
        },
      }),
    );
  }

  async recordAnchorConfirmed(
    id: string,
    confirmed: { blockHash: string; blockHeight: number; anchoredAt: Date },
  ): Promise<void> {
    await this.database.system.runAcrossTenants(WRITE, (tx) =>
      tx.provenanceCheckpoint.update({
        where: { id },
        data: {
          anchoredBlockHash: confirmed.blockHash,
          anchoredBlockHeight: BigInt(confirmed.blockHeight),
          anchoredAt: confirmed.anchoredAt,
        },
      }),
    );
  }
}

function toCheckpoint(row: ProvenanceCheckpoint): CheckpointRecord {
  return {
    id: row.id,
    treeSize: row.treeSize,
    rootHash: Buffer.from(row.rootHash),
    signature: Buffer.from(row.signature),
    signingKeyId: row.signingKeyId,
    anchor:
      row.anchoredNetwork && row.anchoredChainId !== null && row.anchoredRequestKey
        ? {
            network: row.anchoredNetwork,
            chainId: row.anchoredChainId,
            requestKey: row.anchoredRequestKey,
            blockHash: row.anchoredBlockHash,
            blockHeight: row.anchoredBlockHeight === null ? null : Number(row.anchoredBlockHeight),
            anchoredAt: row.anchoredAt,
          }
        : null,
    createdAt: row.createdAt,
  };
}
