import { ChainwebError } from '../errors';
import { MerkleProofObject } from '../merkle/merkle-proof';
import {
  isChainIdValue,
  SPV_ALGORITHM,
  SPV_SUBJECT_TAG,
  spvProof,
  spvProofKindOfTag,
  type SpvProof,
  type SpvProofKind,
} from './spv-proof';
import { parseSpvProof } from './spv-proof-json';
import {
  decodeCommandResult,
  decodePactTransaction,
  type CommandResult,
  type PactTransaction,
} from '../payload';

/**
 * Why a proof was rejected. The root a valid proof reaches is only CLAIMED to be a block hash of
 * `chain`: authenticate it with checkRootTrusted (chainweb's HeaderOracle) before acting on it.
 */
export type SpvFailureReason =
  /** Not a proof at all: malformed JSON/base64url, wrong field types, truncated or padded proof object. */
  | 'bad_encoding'
  /** The algorithm field is not SHA512t_256. */
  | 'unsupported_algorithm'
  /** The subject is not an input entry, or its bytes are not the CommandResult / command its tag announces. */
  | 'bad_subject'
  /** The subject tag is neither TransactionOutput (0x0014) nor Transaction (0x0013). */
  | 'bad_subject_tag'
  /** A valid proof of the other kind than `expectedKind`. */
  | 'wrong_kind'
  /** The proof targets another chain than `expectedChain`. */
  | 'wrong_chain'
  /** The proof runs to another root than `expectedRoot`. */
  | 'root_mismatch';

export interface SpvVerifyOptions {
  /** The chain the proof must target (Pact: the chain redeeming it). */
  readonly expectedChain?: number;
  readonly expectedKind?: SpvProofKind;
  /** A block hash the proof must run to, when the caller already knows it. */
  readonly expectedRoot?: Uint8Array;
}

interface SpvVerifiedBase {
  readonly valid: true;
  readonly chain: number;
  /** The root the proof runs to: a block hash of `chain`, still to be authenticated. */
  readonly root: Buffer;
  /** The subject entry bytes without the 2-byte tag: the stored output or transaction bytes. */
  readonly subject: Buffer;
  /** The request key the subject names (the output's reqKey, or the command's hash). */
  readonly requestKey: string;
  readonly proof: SpvProof;
}

export type SpvVerified =
  | (SpvVerifiedBase & { readonly kind: 'TXOUT'; readonly output: CommandResult })
  | (SpvVerifiedBase & { readonly kind: 'TX'; readonly transaction: PactTransaction });

export interface SpvRejected {
  readonly valid: false;
  readonly reason: SpvFailureReason;
  readonly message: string;
}

export type SpvVerification = SpvVerified | SpvRejected;

/**
 * Verifies a legacy SPV proof the way chainweb-node and Pact do (VerifyProof.hs, Pact SPV support):
 * algorithm, subject tag, the Merkle run, the subject's decoding, and the target chain. Accepts a
 * parsed SpvProof or any form parseSpvProof reads. Never throws for bad proofs: it returns a reason.
 * `subjectPosition` is not checked: chainweb ignores it too, so it is not part of what a proof binds.
 */
export function verifySpvProof(input: unknown, options: SpvVerifyOptions = {}): SpvVerification {
  checkOptions(options);
  let proof: SpvProof;
  try {
    if (isSpvProofValue(input)) {
      if ((input.algorithm as string) !== SPV_ALGORITHM)
        return reject('unsupported_algorithm', `algorithm must be ${SPV_ALGORITHM}`);
      // Re-checks a value built elsewhere (chain id, subject shape) before anything is hashed.
      proof = spvProof(input.chain, input.object, input.subject);
    } else {
      proof = parseSpvProof(input);
    }
  } catch (error) {
    if (error instanceof ChainwebError) {
      return reject(
        error.code === 'unsupported_algorithm' ? 'unsupported_algorithm' : 'bad_encoding',
        error.message,
      );
    }
    throw error;
  }
  if (proof.subject.kind !== 'input')
    return reject('bad_subject', 'a TX/TXOUT proof subject must be an input entry');

  const entry = proof.subject.bytes;
  if (entry.length < 2) return reject('bad_subject_tag', 'subject is shorter than its 2-byte tag');
  const tag = entry.readUInt16BE(0);
  const kind = spvProofKindOfTag(tag);
  if (kind === undefined) {
    return reject(
      'bad_subject_tag',
      `subject tag 0x${tag.toString(16).padStart(4, '0')} is neither Transaction nor TransactionOutput`,
    );
  }
  if (options.expectedKind !== undefined && kind !== options.expectedKind) {
    return reject(
      'wrong_kind',
      `expected a ${options.expectedKind} proof (tag 0x${SPV_SUBJECT_TAG[options.expectedKind].toString(16).padStart(4, '0')}), got ${kind}`,
    );
  }
  if (options.expectedChain !== undefined && proof.chain !== options.expectedChain) {
    return reject(
      'wrong_chain',
      `proof targets chain ${proof.chain}, expected chain ${options.expectedChain}`,
    );
  }

  const root = proof.object.run(proof.subject);
  if (options.expectedRoot !== undefined && !root.equals(options.expectedRoot)) {
    return reject('root_mismatch', 'proof runs to another root than the expected one');
  }

  const subject = entry.subarray(2);
  try {
    if (kind === 'TXOUT') {
      const output = decodeCommandResult(subject);
      return {
        valid: true,
        kind,
        chain: proof.chain,
        root,
        subject,
        requestKey: output.reqKey,
        proof,
        output,
      };
    }
    const transaction = decodePactTransaction(subject);
    return {
      valid: true,
      kind,
      chain: proof.chain,
      root,
      subject,
      requestKey: transaction.hash,
      proof,
      transaction,
    };
  } catch (error) {
    if (error instanceof ChainwebError) return reject('bad_subject', error.message);
    throw error;
  }
}

function isSpvProofValue(value: unknown): value is SpvProof {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as { object?: unknown }).object instanceof MerkleProofObject
  );
}

function checkOptions(options: SpvVerifyOptions): void {
  if (options === null || typeof options !== 'object')
    throw new ChainwebError('invalid_input', 'verify options must be an object');
  if (options.expectedChain !== undefined && !isChainIdValue(options.expectedChain)) {
    throw new ChainwebError('invalid_input', 'expectedChain must be a chain id');
  }
  if (
    options.expectedKind !== undefined &&
    options.expectedKind !== 'TX' &&
    options.expectedKind !== 'TXOUT'
  ) {
    throw new ChainwebError('invalid_input', 'expectedKind must be "TX" or "TXOUT"');
  }
  if (
    options.expectedRoot !== undefined &&
    (!(options.expectedRoot instanceof Uint8Array) || options.expectedRoot.length !== 32)
  ) {
    throw new ChainwebError('invalid_input', 'expectedRoot must be a 32-byte hash');
  }
}

function reject(reason: SpvFailureReason, message: string): SpvRejected {
  return { valid: false, reason, message };
}
