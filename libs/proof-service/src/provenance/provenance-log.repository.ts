import type { ProvenanceEntry as ProvenanceEntryRow, ScopedTransaction } from '@spv-cloud/db';
import { dbBytes } from '../platform/db-bytes';
import {
  checkProvenanceEntryInput,
  provenanceLeafHash,
  type ProvenanceEntry,
  type ProvenanceEntryInput,
} from './provenance-entry';

/** Name of the advisory lock every appender holds: appends are serialized, sequences gapless. */
export const PROVENANCE_LOG_LOCK = 'spv-cloud:provenance-log';

/** An entry as stored: its fields, its id and its leaf hash. */
export interface StoredProvenanceEntry extends ProvenanceEntry {
  readonly id: string;
  readonly leafHash: Buffer;
}

const ACTION_TO_DB = { issued: 'ISSUED', refreshed: 'REFRESHED', deleted: 'DELETED' } as const;
const ACTION_FROM_DB = { ISSUED: 'issued', REFRESHED: 'refreshed', DELETED: 'deleted' } as const;
const KIND_TO_DB = { tx_proof: 'TX_PROOF', event_proof: 'EVENT_PROOF', batch: 'BATCH' } as const;
const KIND_FROM_DB = { TX_PROOF: 'tx_proof', EVENT_PROOF: 'event_proof', BATCH: 'batch' } as const;

/**
 * Appends entries inside the caller's transaction, so an entry exists exactly when the action it
 * records committed (issuing a proof, refreshing it, deleting it). Appenders serialize on one
 * transaction-level advisory lock taken before reading the log's size; run under READ COMMITTED
 * (the default), where the size query sees every append committed before the lock was granted.
 * A rolled-back transaction leaves no gap: the next appender takes the same sequence.
 */
export async function appendProvenanceEntries(
  tx: ScopedTransaction,
  inputs: readonly ProvenanceEntryInput[],
  recordedAt: Date,
): Promise<StoredProvenanceEntry[]> {
  if (inputs.length === 0) return [];
  inputs.forEach(checkProvenanceEntryInput);
  // timestamptz(3): the stored value is what the leaf hashes, so drop anything finer than a millisecond.
  const at = new Date(Math.floor(recordedAt.getTime()));
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${PROVENANCE_LOG_LOCK}, 0))`;
  const rows = await tx.$queryRaw<{ next: bigint }[]>`
    SELECT COALESCE(MAX(sequence) + 1, 0)::bigint AS next FROM provenance_entries`;
  let sequence = BigInt(rows[0]?.next ?? 0n);
  const entries = inputs.map((input) => {
    const entry: ProvenanceEntry = {
      ...input,
      observedAt: new Date(Math.floor(input.observedAt.getTime())),
      sequence: sequence++,
      recordedAt: at,
    };
    return { entry, leafHash: provenanceLeafHash(entry) };
  });
  const created = await tx.provenanceEntry.createManyAndReturn({
    data: entries.map(({ entry, leafHash }) => ({
      sequence: entry.sequence,
      tenantId: entry.tenantId,
      action: ACTION_TO_DB[entry.action],
      subjectKind: KIND_TO_DB[entry.subjectKind],
      subjectId: entry.subjectId,
      leafHash: dbBytes(leafHash),
      proofHash: dbBytes(entry.proofHash),
      nodeUrl: entry.nodeUrl,
      chainwebVersion: entry.chainwebVersion,
      serviceVersion: entry.serviceVersion,
      buildHash: entry.buildHash,
      observedAt: entry.observedAt,
      createdAt: entry.recordedAt,
    })),
    select: { id: true, sequence: true },
  });
  const ids = new Map(created.map((row) => [row.sequence, row.id]));
  return entries.map(({ entry, leafHash }) => ({
    ...entry,
    id: ids.get(entry.sequence) as string,
    leafHash,
  }));
}

export function toProvenanceEntry(row: ProvenanceEntryRow): StoredProvenanceEntry {
  return {
    id: row.id,
    sequence: row.sequence,
    tenantId: row.tenantId,
    action: ACTION_FROM_DB[row.action],
    subjectKind: KIND_FROM_DB[row.subjectKind],
    subjectId: row.subjectId,
    proofHash: Buffer.from(row.proofHash),
    nodeUrl: row.nodeUrl,
    chainwebVersion: row.chainwebVersion,
    serviceVersion: row.serviceVersion,
    buildHash: row.buildHash,
    observedAt: row.observedAt,
    recordedAt: row.createdAt,
    leafHash: Buffer.from(row.leafHash),
  };
}

/** The stored leaf hashes of the first `size` entries, flat (size × 32 bytes), in sequence order. */
export async function readProvenanceLeaves(tx: ScopedTransaction, size: bigint): Promise<Buffer> {
  const rows = await tx.$queryRaw<{ leaf_hash: Uint8Array }[]>`
    SELECT leaf_hash FROM provenance_entries WHERE sequence < ${size} ORDER BY sequence`;
  if (BigInt(rows.length) !== size) {
    throw new RangeError(`the provenance log has ${rows.length} entries below sequence ${size}`);
  }
  const flat = Buffer.allocUnsafe(rows.length * 32);
  rows.forEach((row, i) => flat.set(row.leaf_hash, i * 32));
  return flat;
}
