import { z } from 'zod';
import { ResourceId, Timestamp } from '../../../platform/http/common.schemas';

export const ProvenanceParams = z.strictObject({ proofId: ResourceId });

const Size = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be a checkpoint size (a positive integer)')
  .transform((value) => BigInt(value));

export const ConsistencyQuery = z.strictObject({ from: Size, to: Size });

const Entry = z
  .object({
    sequence: z.string(),
    action: z.enum(['issued', 'refreshed', 'deleted']),
    subjectKind: z.string(),
    subjectId: z.string(),
    proofHash: z.string(),
    nodeUrl: z.string(),
    chainwebVersion: z.string(),
    serviceVersion: z.string(),
    buildHash: z.string(),
    observedAt: Timestamp,
    recordedAt: Timestamp,
    entryBytes: z.string().describe('base64url of the canonical bytes the leaf hashes'),
    leafHash: z.string().describe('base64url: SHA-512/256(0x00 ‖ entry bytes)'),
  })
  .meta({ id: 'ProvenanceEntry' });

export const CheckpointView = z
  .object({
    logId: z.string(),
    treeSize: z.string(),
    rootHash: z.string(),
    signature: z
      .string()
      .describe('base64url Ed25519 over "spv-cloud provenance checkpoint v1\\n<logId>\\n<size>\\n<root>\\n"'),
    signingKeyId: z.string(),
    createdAt: Timestamp,
    anchor: z
      .object({
        network: z.string(),
        chainId: z.number().int(),
        requestKey: z.string(),
        blockHash: z.string().nullable(),
        blockHeight: z.number().int().nullable(),
        anchoredAt: Timestamp.nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'ProvenanceCheckpoint' });

export const ProofProvenanceView = z
  .object({
    proofId: z.string(),
    entries: z.array(Entry),
    checkpoint: CheckpointView.nullable(),
    inclusion: z.array(
      z.object({ sequence: z.string(), proof: z.string().describe('merkle-log proof object, base64url') }),
    ),
    anchoredProof: z
      .object({
        status: z.string(),
        encoded: z.string().optional(),
        json: z.record(z.string(), z.unknown()).optional(),
        bundleHash: z.string().optional(),
      })
      .nullable(),
  })
  .meta({ id: 'ProofProvenance' });

export const CheckpointList = z
  .object({ items: z.array(CheckpointView) })
  .meta({ id: 'ProvenanceCheckpointList' });

export const ConsistencyView = z
  .object({
    logId: z.string(),
    from: CheckpointView,
    to: CheckpointView,
    proof: z.array(z.string()).describe('RFC 6962 consistency proof: node hashes, base64url'),
  })
  .meta({ id: 'ProvenanceConsistency' });
