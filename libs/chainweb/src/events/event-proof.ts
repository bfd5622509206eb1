import { invalidInput } from '../errors';
import { assertHash } from '../merkle/merkle-log';
import { MerkleProofObject } from '../merkle/merkle-proof';
import { checkLeafCount, runInclusionSteps } from './event-inclusion';
import { EventLeafEncoder, sameScope, type EventRef, type EventScope } from './event-leaf';

/** The batch an event proof claims: its tree root and size. */
export interface EventBatchRef {
  readonly root: Buffer;
  readonly leafCount: number;
}

/** An event, the batch it claims to belong to, and its merkle-log inclusion proof (subject position = index). */
export interface EventInclusionProof {
  readonly event: EventRef;
  readonly batch: EventBatchRef;
  readonly inclusion: MerkleProofObject;
}

export type EventProofFailureReason =
  /** The index is outside the batch, or the steps do not have the shape of that index in that batch. */
  | 'position_mismatch'
  /** The steps do not lead from the event's leaf to the claimed batch root. */
  | 'inclusion_mismatch'
  /** The proof is for another batch root than the one expected. */
  | 'root_mismatch'
  /** The proof is for another tenant than the one expected. */
  | 'tenant_mismatch';

export type EventProofVerification =
  | {
      readonly valid: true;
      readonly event: EventRef;
      readonly batch: EventBatchRef;
      readonly leafHash: Buffer;
    }
  | { readonly valid: false; readonly reason: EventProofFailureReason; readonly message: string };

export interface VerifyEventProofOptions {
  /** The batch root the caller trusts (for example, read from the anchor record). */
  readonly expectedRoot?: Uint8Array;
  readonly expectedTenantId?: string;
}

/** Checks the structure of a proof (types, lengths, ranges); throws invalid_input. Proof validity is separate. */
export function checkEventInclusionProof(proof: EventInclusionProof): void {
  if (typeof proof !== 'object' || proof === null) throw invalidInput('event proof: expected an object');
  checkEventRef(proof.event);
  if (typeof proof.batch !== 'object' || proof.batch === null)
    throw invalidInput('event proof: batch missing');
  assertHash(proof.batch.root, 'batch root');
  checkLeafCount(proof.batch.leafCount);
  if (!(proof.inclusion instanceof MerkleProofObject))
    throw invalidInput('event proof: inclusion must be a MerkleProofObject');
}

export function checkEventRef(event: EventRef): void {
  if (typeof event !== 'object' || event === null) throw invalidInput('event: expected an object');
  // The encoder checks the scope, the index and the digest length.
  const encoder: EventLeafEncoder = scopeEncoder(event);
  encoder.checkDigest(event.digest);
  if (!Number.isSafeInteger(event.index) || event.index < 0)
    throw invalidInput(`event index must be a non-negative integer`);
}

/**
 * Verifies an event's inclusion in the batch root the proof names (and, if given, the expected
 * root and tenant). The root itself is only as trustworthy as where the caller got it: an anchored
 * event proof authenticates it on chain.
 */
export function verifyEventProof(
  proof: EventInclusionProof,
  options: VerifyEventProofOptions = {},
): EventProofVerification {
  checkEventInclusionProof(proof);
  const { event, batch, inclusion } = proof;
  if (options.expectedTenantId !== undefined && options.expectedTenantId !== event.tenantId) {
    return { valid: false, reason: 'tenant_mismatch', message: 'the event belongs to another tenant' };
  }
  if (options.expectedRoot !== undefined) {
    assertHash(options.expectedRoot, 'expected root');
    if (!batch.root.equals(options.expectedRoot)) {
      return { valid: false, reason: 'root_mismatch', message: 'the proof is for another batch root' };
    }
  }
  if (event.index >= batch.leafCount || inclusion.subjectPosition !== BigInt(event.index)) {
    return {
      valid: false,
      reason: 'position_mismatch',
      message: `event index ${event.index} does not match the proof position or batch size`,
    };
  }
  const leafHash = scopeEncoder(event).leafHash(event.index, event.digest);
  const reached = runInclusionSteps(leafHash, event.index, batch.leafCount, inclusion.steps);
  if (reached === undefined) {
    return {
      valid: false,
      reason: 'position_mismatch',
      message: `the proof steps do not have the shape of event ${event.index} in a batch of ${batch.leafCount}`,
    };
  }
  if (!reached.equals(batch.root)) {
    return {
      valid: false,
      reason: 'inclusion_mismatch',
      message: 'the proof steps do not lead to the batch root',
    };
  }
  return { valid: true, event, batch, leafHash };
}

/** Single verifications of one scope in a row (the common case) reuse one encoder. */
let lastEncoder: EventLeafEncoder | undefined;

function scopeEncoder(scope: EventScope): EventLeafEncoder {
  if (lastEncoder === undefined || !sameScope(lastEncoder.scope, scope))
    lastEncoder = new EventLeafEncoder(scope);
  return lastEncoder;
}
