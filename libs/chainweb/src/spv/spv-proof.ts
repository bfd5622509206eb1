import { ChainwebError, invalidInput } from '../errors';
import { MerkleTag } from '../merkle/merkle-tags';
import { MerkleProofObject, type MerkleSubject } from '../merkle/merkle-proof';

/** The two legacy proof kinds chainweb-node serves: transaction inclusion and transaction output. */
export type SpvProofKind = 'TX' | 'TXOUT';

/** The only hash algorithm legacy SPV proofs use (chainweb's name for SHA-512/256). */
export const SPV_ALGORITHM = 'SHA512t_256';
export type SpvAlgorithm = typeof SPV_ALGORITHM;

/**
 * A legacy Chainweb SPV proof (chainweb-node `TransactionProof` / `TransactionOutputProof`):
 * `chain` is the TARGET chain, the one whose header the proof's root must be.
 */
export interface SpvProof {
  readonly chain: number;
  readonly object: MerkleProofObject;
  readonly subject: MerkleSubject;
  readonly algorithm: SpvAlgorithm;
}

/** Merkle-universe tag each kind's subject entry carries in its first two bytes. */
export const SPV_SUBJECT_TAG: Readonly<Record<SpvProofKind, number>> = {
  TX: MerkleTag.Transaction,
  TXOUT: MerkleTag.TransactionOutput,
};

/** The proof kind a subject tag stands for, or undefined for any other tag. */
export function spvProofKindOfTag(tag: number): SpvProofKind | undefined {
  if (tag === MerkleTag.Transaction) return 'TX';
  if (tag === MerkleTag.TransactionOutput) return 'TXOUT';
  return undefined;
}

/** chainweb-node reads `chain` as a Word32. */
export const MAX_CHAIN_ID = 0xffffffff;

export function isChainIdValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_CHAIN_ID;
}

/** Builds a proof value after checking its parts, so every SpvProof in the program is well formed. */
export function spvProof(chain: number, object: MerkleProofObject, subject: MerkleSubject): SpvProof {
  if (!isChainIdValue(chain))
    throw invalidInput(`spv proof chain must be an integer 0..${MAX_CHAIN_ID}, got ${String(chain)}`);
  if (!(object instanceof MerkleProofObject))
    throw invalidInput('spv proof object must be a MerkleProofObject');
  checkSubject(subject);
  return Object.freeze({ chain, object, subject, algorithm: SPV_ALGORITHM });
}

function checkSubject(subject: MerkleSubject): void {
  if (subject === null || typeof subject !== 'object')
    throw invalidInput('spv proof subject must be an object');
  if (subject.kind === 'input') {
    if (!Buffer.isBuffer(subject.bytes)) throw invalidInput('spv proof input subject must hold a Buffer');
    return;
  }
  if (subject.kind === 'tree') {
    if (!Buffer.isBuffer(subject.root) || subject.root.length !== 32) {
      throw new ChainwebError('bad_length', 'spv proof tree subject must be a 32-byte hash');
    }
    return;
  }
  throw invalidInput('spv proof subject kind must be "input" or "tree"');
}
