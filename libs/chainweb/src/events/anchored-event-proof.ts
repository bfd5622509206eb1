import { ChainwebError, invalidInput } from '../errors';
import { MerkleProofObject } from '../merkle/merkle-proof';
import { verifySpvProof, type SpvFailureReason, type SpvProof } from '../spv';
import { checkAnchorRecord, parseAnchorRecord, sameAnchorRecord, type AnchorRecord } from './anchor-record';
import type { EventRef } from './event-leaf';
import {
  checkEventInclusionProof,
  verifyEventProof,
  type EventBatchRef,
  type EventInclusionProof,
} from './event-proof';

/** The batch an anchored event proof names: its id (as recorded on chain), root and size. */
export interface AnchoredBatchRef extends EventBatchRef {
  readonly id: string;
}

/**
 * An event's whole chain of evidence, verifiable offline:
 * event → (inclusion) → batch root → (anchor record in the output of the anchoring transaction)
 * → (TXOUT SPV proof) → a block hash of `anchor.chain`.
 */
export interface AnchoredEventProof {
  readonly event: EventRef;
  readonly batch: AnchoredBatchRef;
  readonly inclusion: MerkleProofObject;
  readonly anchor: SpvProof;
}

export type AnchoredEventFailureReason =
  /** The event belongs to another tenant than `expectedTenantId`. */
  | 'tenant_mismatch'
  /** The index is outside the batch or the inclusion steps do not have that index's shape. */
  | 'position_mismatch'
  /** The inclusion steps do not lead from the event's leaf to the batch root. */
  | 'inclusion_mismatch'
  /** The SPV proof of the anchoring output is not valid; `spvReason` says why. */
  | 'spv_invalid'
  /** The anchoring transaction failed (`result.status` is not "success"). */
  | 'anchor_failed'
  /** The proven output does not record this tenant, batch id, root and leaf count. */
  | 'anchor_output_mismatch';

export type AnchoredEventVerification =
  | {
      readonly valid: true;
      /** The chain the SPV proof targets; `rootBlockHash` is one of its block hashes. */
      readonly chain: number;
      /** Authenticate it (canonical header of `chain`) before trusting the proof: see checkRootTrusted. */
      readonly rootBlockHash: Buffer;
      readonly event: EventRef;
      readonly batch: AnchoredBatchRef;
      /** Request key of the anchoring transaction. */
      readonly anchorRequestKey: string;
    }
  | {
      readonly valid: false;
      readonly reason: AnchoredEventFailureReason;
      readonly message: string;
      readonly spvReason?: SpvFailureReason;
    };

export interface VerifyAnchoredEventOptions {
  /** The tenant the event must belong to: a proof issued for another tenant is rejected. */
  readonly expectedTenantId?: string;
  /** The chain the anchoring proof must target. */
  readonly expectedChain?: number;
  /**
   * The block hash the anchoring proof must run to, when the caller already knows it (for example
   * the anchoring block recorded when the batch was confirmed); otherwise authenticate the returned
   * `rootBlockHash` against a header source.
   */
  readonly expectedRootBlockHash?: Uint8Array;
}

/** Joins an event's inclusion proof, its batch id and the TXOUT proof of the anchoring transaction. */
export function anchorEventProof(
  proof: EventInclusionProof,
  batchId: string,
  anchor: SpvProof,
): AnchoredEventProof {
  const anchored: AnchoredEventProof = {
    event: proof.event,
    batch: { id: batchId, root: proof.batch.root, leafCount: proof.batch.leafCount },
    inclusion: proof.inclusion,
    anchor,
  };
  checkAnchoredEventProof(anchored);
  return anchored;
}

/** Checks the structure of an anchored event proof (types, lengths, ranges); throws invalid_input. */
export function checkAnchoredEventProof(proof: AnchoredEventProof): void {
  if (typeof proof !== 'object' || proof === null)
    throw invalidInput('anchored event proof: expected an object');
  checkEventInclusionProof(proof);
  checkAnchorRecord(anchorRecordOf(proof));
  const anchor = proof.anchor as Partial<SpvProof> | null;
  if (typeof anchor !== 'object' || anchor === null || !(anchor.object instanceof MerkleProofObject)) {
    throw invalidInput('anchored event proof: anchor must be an SpvProof');
  }
}

/** The anchor record an anchored event proof expects to find on chain. */
export function anchorRecordOf(proof: AnchoredEventProof): AnchorRecord {
  return {
    tenantId: proof.event.tenantId,
    batchId: proof.batch.id,
    root: proof.batch.root,
    leafCount: proof.batch.leafCount,
  };
}

/**
 * Verifies the whole chain offline: the tenant, the event's inclusion in the batch root, the TXOUT
 * SPV proof, that the proven transaction succeeded, and that its result is the anchor record of
 * exactly this tenant, batch id, root and leaf count. Because the leaf binds the tenant and the
 * record names it, a proof issued for tenant A never verifies as tenant B's event.
 *
 * What stays for the caller: that `rootBlockHash` is a canonical block of `chain` (a header source).
 */
export function verifyAnchoredEventProof(
  proof: AnchoredEventProof,
  options: VerifyAnchoredEventOptions = {},
): AnchoredEventVerification {
  checkAnchoredEventProof(proof);
  if (typeof options !== 'object' || options === null) throw invalidInput('verify options must be an object');
  const inclusion = verifyEventProof(proof, {
    ...(options.expectedTenantId !== undefined && { expectedTenantId: options.expectedTenantId }),
  });
  if (!inclusion.valid)
    return {
      valid: false,
      reason: inclusion.reason === 'root_mismatch' ? 'inclusion_mismatch' : inclusion.reason,
      message: inclusion.message,
    };

  const spv = verifySpvProof(proof.anchor, {
    expectedKind: 'TXOUT',
    ...(options.expectedChain !== undefined && { expectedChain: options.expectedChain }),
    ...(options.expectedRootBlockHash !== undefined && { expectedRoot: options.expectedRootBlockHash }),
  });
  if (!spv.valid)
    return {
      valid: false,
      reason: 'spv_invalid',
      spvReason: spv.reason,
      message: `anchor SPV proof: ${spv.message}`,
    };

  // expectedKind makes every valid answer a TXOUT one; the check narrows the type.
  if (spv.kind !== 'TXOUT') {
    return {
      valid: false,
      reason: 'spv_invalid',
      spvReason: 'wrong_kind',
      message: 'the anchor proof is not a TXOUT proof',
    };
  }
  const result = spv.output.result;
  if (result.status !== 'success') {
    return { valid: false, reason: 'anchor_failed', message: 'the anchoring transaction did not succeed' };
  }
  let recorded: AnchorRecord;
  try {
    recorded = parseAnchorRecord(result.data);
  } catch (error) {
    if (!(error instanceof ChainwebError)) throw error;
    return {
      valid: false,
      reason: 'anchor_output_mismatch',
      message: `the anchoring output holds no anchor record: ${error.message}`,
    };
  }
  if (!sameAnchorRecord(recorded, anchorRecordOf(proof))) {
    return {
      valid: false,
      reason: 'anchor_output_mismatch',
      message: 'the anchoring output records another tenant, batch id, root or leaf count',
    };
  }
  return {
    valid: true,
    chain: spv.chain,
    rootBlockHash: spv.root,
    event: proof.event,
    batch: proof.batch,
    anchorRequestKey: spv.requestKey,
  };
}
