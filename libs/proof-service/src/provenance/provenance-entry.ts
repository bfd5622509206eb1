import { leafHash } from '@spv-cloud/chainweb';
import { invalidArgument } from '../proof-service.errors';

export const PROVENANCE_ACTIONS = ['issued', 'refreshed', 'deleted'] as const;
export type ProvenanceActionName = (typeof PROVENANCE_ACTIONS)[number];
export const PROVENANCE_SUBJECT_KINDS = ['tx_proof', 'event_proof', 'batch'] as const;
export type ProvenanceSubjectKindName = (typeof PROVENANCE_SUBJECT_KINDS)[number];

/** What a caller supplies for one entry; the log assigns `sequence` and `recordedAt`. */
export interface ProvenanceEntryInput {
  readonly tenantId: string;
  readonly action: ProvenanceActionName;
  readonly subjectKind: ProvenanceSubjectKindName;
  /** The tenant's proof (proof request id for SPV proofs). */
  readonly subjectId: string;
  /** sha256 of the evidence bundle the tenant was issued (or, for a deletion, the one deleted). */
  readonly proofHash: Buffer;
  readonly nodeUrl: string;
  readonly chainwebVersion: string;
  readonly serviceVersion: string;
  readonly buildHash: string;
  /** When the proof material was obtained from the node. */
  readonly observedAt: Date;
}

/** One leaf of the provenance log. */
export interface ProvenanceEntry extends ProvenanceEntryInput {
  /** 0-based, gapless: the leaf index in the log's Merkle tree. */
  readonly sequence: bigint;
  readonly recordedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function checkProvenanceEntryInput(input: ProvenanceEntryInput): void {
  if (!UUID.test(input.tenantId ?? '')) throw invalidArgument('provenance entry: tenantId must be a UUID');
  if (!UUID.test(input.subjectId ?? '')) throw invalidArgument('provenance entry: subjectId must be a UUID');
  if (!(PROVENANCE_ACTIONS as readonly string[]).includes(input.action))
    throw invalidArgument(`provenance entry: unknown action ${String(input.action)}`);
  if (!(PROVENANCE_SUBJECT_KINDS as readonly string[]).includes(input.subjectKind))
    throw invalidArgument(`provenance entry: unknown subject kind ${String(input.subjectKind)}`);
  if (!Buffer.isBuffer(input.proofHash) || input.proofHash.length !== 32)
    throw invalidArgument('provenance entry: proofHash must be 32 bytes');
  for (const field of ['nodeUrl', 'chainwebVersion', 'serviceVersion', 'buildHash'] as const) {
    const value = input[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > 2048)
      throw invalidArgument(`provenance entry: ${field} must be a non-empty string`);
  }
  if (!(input.observedAt instanceof Date) || Number.isNaN(input.observedAt.getTime()))
    throw invalidArgument('provenance entry: observedAt must be a date');
}

/**
 * The bytes an entry's leaf hashes: JSON with a fixed key order, integers as decimal strings, times
 * as ISO-8601 with milliseconds (what timestamptz(3) stores), so anyone holding the entry's fields
 * recomputes its leaf exactly.
 */
export function provenanceEntryBytes(entry: ProvenanceEntry): Buffer {
  return Buffer.from(
    JSON.stringify({
      v: 1,
      sequence: entry.sequence.toString(),
      tenantId: entry.tenantId,
      action: entry.action,
      subjectKind: entry.subjectKind,
      subjectId: entry.subjectId,
      proofHash: entry.proofHash.toString('hex'),
      nodeUrl: entry.nodeUrl,
      chainwebVersion: entry.chainwebVersion,
      serviceVersion: entry.serviceVersion,
      buildHash: entry.buildHash,
      observedAt: entry.observedAt.toISOString(),
      recordedAt: entry.recordedAt.toISOString(),
    }),
    'utf8',
  );
}

/** The entry's Merkle leaf: merkle-log's H(0x00 ‖ entry bytes) with SHA-512/256. */
export function provenanceLeafHash(entry: ProvenanceEntry): Buffer {
  return leafHash(provenanceEntryBytes(entry));
}
