import { toBase64Url } from '../base64url';
import { ChainwebError, invalidInput, type ChainwebErrorCode } from '../errors';
import {
  ANCHOR_HASH_ALGORITHM,
  verifyAnchoredEventProof,
  verifyEventProof,
  type AnchoredEventFailureReason,
  type EventProofFailureReason,
  type EventRef,
} from '../events';
import { verifySpvProof, type SpvFailureReason, type SpvProofKind } from '../spv';
import { decodeAnyProof, type DecodedProof, type ProofForm, type ProofKind } from './decode-any-proof';

export type AnyProofFailureReason =
  /** The input could not be decoded (the ChainwebError code: unknown_format, bad_encoding, bad_checksum…). */
  | ChainwebErrorCode
  | SpvFailureReason
  | AnchoredEventFailureReason
  | EventProofFailureReason
  /** `expectedChain` was given but the proof is an unanchored event proof. */
  | 'not_anchored';

/**
 * One result shape for every proof, what the CLI and the API print. Binary values are base64url.
 * A valid result means the proof is internally sound and reaches `root`; for `spv` and
 * `anchored-event` the caller must still check that `root` is a canonical block hash of `chain`
 * (checkRootTrusted), for `event` that `root` is a batch root it trusts.
 */
export interface AnyProofVerification {
  readonly valid: boolean;
  /** null when the input could not be decoded. */
  readonly kind: ProofKind | null;
  readonly form: ProofForm | null;
  /** spv: the target chain; anchored-event: the chain of the anchoring block; event: null. */
  readonly chain: number | null;
  readonly algorithm: typeof ANCHOR_HASH_ALGORITHM;
  /** The root the proof reaches (a block hash, or the batch root of an event proof); null unless valid. */
  readonly root: string | null;
  /** spv: the subject entry as in the proof JSON (tag ‖ bytes, or a tree root); events: the event digest. */
  readonly subject: string | null;
  readonly reason?: AnyProofFailureReason;
  readonly message?: string;
  /** The inner reason when an anchored event's SPV proof fails. */
  readonly spvReason?: SpvFailureReason;
  /** spv: TX or TXOUT. */
  readonly spvKind?: SpvProofKind;
  /** spv: the proven transaction's request key; anchored-event: the anchoring transaction's. */
  readonly requestKey?: string;
  readonly event?: {
    readonly tenantId: string;
    readonly namespace: string;
    readonly index: number;
    readonly digestAlgorithm: string;
    readonly digest: string;
  };
  readonly batch?: { readonly id?: string; readonly root: string; readonly leafCount: number };
}

export interface VerifyAnyProofOptions {
  /** Event proofs must belong to this tenant (not applicable to plain SPV proofs, which are public). */
  readonly expectedTenantId?: string;
  /** SPV and anchored event proofs must target this chain. */
  readonly expectedChain?: number;
  /** The root the proof must reach: a block hash (spv, anchored-event) or a batch root (event). */
  readonly expectedRoot?: Uint8Array;
}

/** Decodes any form (see decodeAnyProof) and verifies it. Never throws for a bad proof or input. */
export function verifyAnyProof(
  input: Uint8Array | string | object,
  options: VerifyAnyProofOptions = {},
): AnyProofVerification {
  checkOptions(options);
  let decoded: DecodedProof;
  try {
    decoded = decodeAnyProof(input);
  } catch (error) {
    if (!(error instanceof ChainwebError)) throw error;
    return { ...blank(null, null), valid: false, reason: error.code, message: error.message };
  }
  return verifyDecodedProof(decoded, options);
}

/** Verifies a proof decodeAnyProof returned, dispatching on its kind. */
export function verifyDecodedProof(
  decoded: DecodedProof,
  options: VerifyAnyProofOptions = {},
): AnyProofVerification {
  checkOptions(options);
  switch (decoded.kind) {
    case 'spv': {
      const { proof } = decoded;
      const base = {
        ...blank('spv', decoded.form),
        chain: proof.chain,
        subject: toBase64Url(proof.subject.kind === 'input' ? proof.subject.bytes : proof.subject.root),
      };
      const result = verifySpvProof(proof, {
        ...(options.expectedChain !== undefined && { expectedChain: options.expectedChain }),
        ...(options.expectedRoot !== undefined && { expectedRoot: options.expectedRoot }),
      });
      if (!result.valid) return { ...base, valid: false, reason: result.reason, message: result.message };
      return {
        ...base,
        valid: true,
        root: toBase64Url(result.root),
        spvKind: result.kind,
        requestKey: result.requestKey,
      };
    }
    case 'anchored-event': {
      const { proof } = decoded;
      const base = {
        ...blank('anchored-event', decoded.form),
        chain: proof.anchor.chain,
        subject: toBase64Url(proof.event.digest),
        event: eventSummary(proof.event),
        batch: { id: proof.batch.id, root: toBase64Url(proof.batch.root), leafCount: proof.batch.leafCount },
      };
      const result = verifyAnchoredEventProof(proof, {
        ...(options.expectedTenantId !== undefined && { expectedTenantId: options.expectedTenantId }),
        ...(options.expectedChain !== undefined && { expectedChain: options.expectedChain }),
        ...(options.expectedRoot !== undefined && { expectedRootBlockHash: options.expectedRoot }),
      });
      if (!result.valid) {
        return {
          ...base,
          valid: false,
          reason: result.reason,
          message: result.message,
          ...(result.spvReason !== undefined && { spvReason: result.spvReason }),
        };
      }
      return {
        ...base,
        valid: true,
        chain: result.chain,
        root: toBase64Url(result.rootBlockHash),
        requestKey: result.anchorRequestKey,
      };
    }
    case 'event': {
      const { proof } = decoded;
      const base = {
        ...blank('event', decoded.form),
        subject: toBase64Url(proof.event.digest),
        event: eventSummary(proof.event),
        batch: { root: toBase64Url(proof.batch.root), leafCount: proof.batch.leafCount },
      };
      if (options.expectedChain !== undefined) {
        return {
          ...base,
          valid: false,
          reason: 'not_anchored',
          message: 'an unanchored event proof is on no chain',
        };
      }
      const result = verifyEventProof(proof, {
        ...(options.expectedTenantId !== undefined && { expectedTenantId: options.expectedTenantId }),
        ...(options.expectedRoot !== undefined && { expectedRoot: options.expectedRoot }),
      });
      if (!result.valid) return { ...base, valid: false, reason: result.reason, message: result.message };
      return { ...base, valid: true, root: toBase64Url(proof.batch.root) };
    }
  }
}

function blank(kind: ProofKind | null, form: ProofForm | null): AnyProofVerification {
  return {
    valid: false,
    kind,
    form,
    chain: null,
    algorithm: ANCHOR_HASH_ALGORITHM,
    root: null,
    subject: null,
  };
}

function eventSummary(event: EventRef): NonNullable<AnyProofVerification['event']> {
  return {
    tenantId: event.tenantId,
    namespace: event.namespace,
    index: event.index,
    digestAlgorithm: event.digestAlgorithm,
    digest: toBase64Url(event.digest),
  };
}

function checkOptions(options: VerifyAnyProofOptions): void {
  if (typeof options !== 'object' || options === null) throw invalidInput('verify options must be an object');
  if (options.expectedTenantId !== undefined && typeof options.expectedTenantId !== 'string') {
    throw invalidInput('expectedTenantId must be a string');
  }
  if (
    options.expectedRoot !== undefined &&
    (!(options.expectedRoot instanceof Uint8Array) || options.expectedRoot.length !== 32)
  ) {
    throw invalidInput('expectedRoot must be a 32-byte hash');
  }
  const chain = options.expectedChain;
  if (chain !== undefined && (!Number.isInteger(chain) || chain < 0 || chain > 0xffffffff)) {
    throw invalidInput('expectedChain must be a chain id');
  }
}
