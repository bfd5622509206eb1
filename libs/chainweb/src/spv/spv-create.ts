import { ChainwebError, invalidInput } from '../errors';
import type { BlockHeader } from '../header';
import { taggedEntry } from '../merkle/merkle-log';
import {
  inputSubject,
  MerkleProofObject,
  runSteps,
  subjectLeafHash,
  treeSubject,
} from '../merkle/merkle-proof';
import {
  checkBlockPayload,
  decodeCommandResult,
  findTransactionIndex,
  hasOutputs,
  outputsTree,
  FIRST_TRANSACTION_LEAF,
  PAYLOAD_LEAF,
  payloadTree,
  requestKeyOf,
  transactionsTree,
  type BlockPayload,
} from '../payload';
import type { ChainwebVersion } from '../version';
import {
  checkHeaderHash,
  checkHeaderIdentity,
  checkHeaderList,
  describe,
  fetchCheckedHeader,
  headerChainSteps,
  headersBetween,
  payloadHashSteps,
} from './spv-header-chain';
import { isChainIdValue, SPV_SUBJECT_TAG, spvProof, type SpvProof, type SpvProofKind } from './spv-proof';
import type { HeaderSource, PayloadSource } from './spv-sources';
import { checkHeight, checkVersion, spvTargetHeight } from './spv-target';

/** Where a proof ends: the minimal target (chainweb /pact/spv) or a given later header. */
export interface SpvTargetChoice {
  readonly targetChain: number;
  /**
   * Non-minimal proof: the root is this header of the target chain (e.g. its current head), and the
   * proof walks up the source chain's parents before crossing over. Omit for the minimal proof.
   */
  readonly targetBlockHash?: Uint8Array;
  /** Minimal proof only: the target chain's head height, to raise old targets into the root window. */
  readonly targetHeadHeight?: number;
}

export interface CreateSpvProofInput extends SpvTargetChoice {
  readonly version: ChainwebVersion;
  readonly kind: SpvProofKind;
  readonly sourceChain: number;
  /** Hash of the block whose payload holds the transaction (e.g. `/poll` metaData.blockHash). */
  readonly blockHash: Uint8Array;
  /** Exactly one of requestKey and txIndex locates the transaction in the block. */
  readonly requestKey?: string;
  readonly txIndex?: number;
  readonly headers: HeaderSource;
  readonly payloads: PayloadSource;
}

export interface SpvProofCreation {
  readonly proof: SpvProof;
  readonly kind: SpvProofKind;
  readonly txIndex: number;
  readonly requestKey: string;
  /** The block holding the transaction. */
  readonly sourceHeader: BlockHeader;
  /** The header whose hash is the proof's root. */
  readonly targetHeader: BlockHeader;
}

/**
 * Creates a TX or TXOUT proof the way chainweb-node does (createTransactionProof_ /
 * createTransactionOutputProof_): subject tree (transactions or outputs) → payload tree → the source
 * block header (payload hash at leaf 4) → the source chain's later headers (parent links, non-minimal
 * proofs only) → the walk of adjacent parents into the target header. Minimal proofs are byte for
 * byte what `/pact/spv` returns. Before returning, the proof is run: its root must be the target
 * header's hash and its value after the source header must be the source block hash.
 */
export async function createSpvProof(input: CreateSpvProofInput): Promise<SpvProof> {
  return (await createSpvProofDetailed(input)).proof;
}

export async function createSpvProofDetailed(input: CreateSpvProofInput): Promise<SpvProofCreation> {
  checkCreateInput(input);
  const { kind, sourceChain, headers, payloads } = input;
  const blockHash = checkHeaderHash(input.blockHash, 'blockHash');
  const sourceHeader = await fetchCheckedHeader(headers, sourceChain, blockHash);

  const payload = await payloads.payload(
    sourceChain,
    Buffer.from(sourceHeader.payloadHash),
    sourceHeader.height,
  );
  if (payload === undefined || payload === null) {
    throw new ChainwebError(
      'payload_missing',
      `payload ${sourceHeader.payloadHash.toString('base64url')} of ${describe(sourceHeader)} is not available`,
    );
  }
  checkBlockPayload(payload);
  const located = locateTransaction(kind, payload, input);
  const prefix = payloadProofPrefix(kind, payload, located.txIndex, sourceHeader);

  const targetHeader = await resolveTarget(input, sourceHeader);
  const upper = await headersBetween(input.version, headers, sourceHeader, targetHeader);
  const headerSteps = payloadHashSteps(sourceHeader);
  const object = new MerkleProofObject(
    BigInt(FIRST_TRANSACTION_LEAF + located.txIndex),
    Buffer.concat([prefix.steps, headerSteps, headerChainSteps(sourceHeader, upper)]),
  );
  const subject = inputSubject(prefix.entry);
  selfCheck(object, subject, prefix.steps.length + headerSteps.length, sourceHeader, targetHeader);
  return {
    proof: spvProof(targetHeader.chainId, object, subject),
    kind,
    txIndex: located.txIndex,
    requestKey: located.requestKey,
    sourceHeader,
    targetHeader,
  };
}

export interface CreateHeaderChainProofInput extends SpvTargetChoice {
  readonly version: ChainwebVersion;
  readonly sourceChain: number;
  readonly blockHash: Uint8Array;
  readonly headers: HeaderSource;
}

/**
 * A proof that a block's payload hash is committed under a target header: the header part of an SPV
 * proof alone, with the payload hash as a tree subject (`{"subject":{"tree":…}}`, position 4). It
 * authenticates payload-rooted proofs (spv2 `result` proofs) against a block hash of another chain.
 */
export async function createHeaderChainProof(input: CreateHeaderChainProofInput): Promise<SpvProof> {
  if (input === null || typeof input !== 'object')
    throw invalidInput('createHeaderChainProof: expected an input object');
  checkVersion(input.version);
  checkChain(input.sourceChain, 'sourceChain');
  checkTargetChoice(input);
  checkHeaderSource(input.headers);
  const sourceHeader = await fetchCheckedHeader(
    input.headers,
    input.sourceChain,
    checkHeaderHash(input.blockHash, 'blockHash'),
  );
  const targetHeader = await resolveTarget(input, sourceHeader);
  const upper = await headersBetween(input.version, input.headers, sourceHeader, targetHeader);
  return headerPathProof(sourceHeader, upper);
}

/**
 * The header-chain proof over an explicit list of headers: `path` ascending from the one right above
 * `source` to the root header, each committing to the previous one (parent or adjacent parent). Any
 * valid path yields the same kind of proof; chainweb's own choice is what createHeaderChainProof walks.
 */
export function headerPathProof(source: BlockHeader, path: readonly BlockHeader[]): SpvProof {
  checkHeaderIdentity(source, source?.chainId);
  checkHeaderList(path);
  for (const header of path) checkHeaderIdentity(header, header?.chainId);
  const root = path.length > 0 ? (path[path.length - 1] as BlockHeader) : source;
  const object = new MerkleProofObject(
    BigInt(4),
    Buffer.concat([payloadHashSteps(source), headerChainSteps(source, path)]),
  );
  const subject = treeSubject(source.payloadHash);
  if (!object.run(subject).equals(root.hash)) {
    throw new ChainwebError('root_mismatch', `header path proof does not reach ${describe(root)}`);
  }
  return spvProof(root.chainId, object, subject);
}

interface LocatedTransaction {
  readonly txIndex: number;
  readonly requestKey: string;
}

function locateTransaction(
  kind: SpvProofKind,
  payload: BlockPayload,
  input: CreateSpvProofInput,
): LocatedTransaction {
  if (kind === 'TXOUT' && !hasOutputs(payload)) {
    throw new ChainwebError(
      'payload_missing',
      'a TXOUT proof needs the payload with its outputs (PayloadWithOutputs)',
    );
  }
  const count = payload.transactions.length;
  let txIndex: number;
  if (input.requestKey !== undefined) {
    txIndex = findTransactionIndex(payload, input.requestKey);
    if (txIndex < 0)
      throw new ChainwebError('tx_not_found', `transaction ${input.requestKey} is not in this block`);
  } else {
    txIndex = input.txIndex as number;
    if (txIndex >= count)
      throw new ChainwebError('tx_not_found', `the block has ${count} transactions, no index ${txIndex}`);
  }
  const tx = requestKeyOf(payload.transactions[txIndex] as Buffer);
  if (kind === 'TXOUT') {
    // Outputs are stored in transaction order; a payload whose output names another request key is corrupt.
    const outputKey = decodeCommandResult(payload.outputs?.[txIndex] as Buffer).reqKey;
    if (outputKey !== tx) {
      throw new ChainwebError(
        'hash_mismatch',
        `output ${txIndex} is for ${outputKey}, its transaction is ${tx}`,
      );
    }
  }
  return { txIndex, requestKey: tx };
}

interface PayloadPrefix {
  /** The subject entry: tag ‖ stored bytes. */
  readonly entry: Buffer;
  /** Subject tree steps then the payload tree step. */
  readonly steps: Buffer;
}

/** Steps 1–2 of chainweb's proof: the transactions/outputs tree, then the BlockPayload tree. */
function payloadProofPrefix(
  kind: SpvProofKind,
  payload: BlockPayload,
  txIndex: number,
  header: BlockHeader,
): PayloadPrefix {
  const leaf = FIRST_TRANSACTION_LEAF + txIndex;
  const txTree = transactionsTree(payload.minerData, payload.transactions);
  let subjectSteps: Buffer;
  let bytes: Buffer;
  let outputsHash: Buffer;
  if (kind === 'TXOUT') {
    const outTree = outputsTree(payload.coinbase as Buffer, payload.outputs as readonly Buffer[]);
    subjectSteps = outTree.proofSteps(leaf);
    bytes = payload.outputs?.[txIndex] as Buffer;
    outputsHash = outTree.root;
  } else {
    subjectSteps = txTree.proofSteps(leaf);
    bytes = payload.transactions[txIndex] as Buffer;
    // Without outputs (PayloadData) the recorded outputsHash is the sibling; the header check below binds it.
    outputsHash = hasOutputs(payload)
      ? outputsTree(payload.coinbase, payload.outputs).root
      : payload.outputsHash;
  }
  const tree = payloadTree(txTree.root, outputsHash);
  if (!tree.root.equals(header.payloadHash)) {
    throw new ChainwebError(
      'hash_mismatch',
      `the payload's contents do not hash to the payload hash of ${describe(header)}`,
    );
  }
  const payloadLeaf = kind === 'TXOUT' ? PAYLOAD_LEAF.outputsHash : PAYLOAD_LEAF.transactionsHash;
  return {
    entry: taggedEntry(SPV_SUBJECT_TAG[kind], bytes),
    steps: Buffer.concat([subjectSteps, tree.proofSteps(payloadLeaf)]),
  };
}

async function resolveTarget(
  input: SpvTargetChoice & { version: ChainwebVersion; headers: HeaderSource },
  source: BlockHeader,
): Promise<BlockHeader> {
  const { targetChain, headers } = input;
  if (input.targetBlockHash !== undefined) {
    const target = await fetchCheckedHeader(
      headers,
      targetChain,
      checkHeaderHash(input.targetBlockHash, 'targetBlockHash'),
    );
    if (target.height < source.height) {
      throw new ChainwebError(
        'not_reachable',
        `target ${describe(target)} is below the source block ${describe(source)}`,
      );
    }
    return target;
  }
  const options = input.targetHeadHeight === undefined ? {} : { targetHeadHeight: input.targetHeadHeight };
  const height = spvTargetHeight(input.version, source.chainId, targetChain, source.height, options);
  const target = await headers.canonicalHeaderAt(targetChain, height);
  if (target === undefined || target === null) {
    throw new ChainwebError(
      'not_reachable',
      `SPV target not reachable: chain ${targetChain} has no header at height ${height} yet (the chainweb is too young)`,
    );
  }
  checkHeaderIdentity(target, targetChain);
  if (target.height !== height) {
    throw new ChainwebError(
      'hash_mismatch',
      `header source returned ${describe(target)} for height ${height}`,
    );
  }
  return target;
}

function selfCheck(
  object: MerkleProofObject,
  subject: ReturnType<typeof inputSubject>,
  headerEnd: number,
  source: BlockHeader,
  target: BlockHeader,
): void {
  const atSource = runSteps(subjectLeafHash(subject), object.steps.subarray(0, headerEnd));
  if (!atSource.equals(source.hash)) {
    throw new ChainwebError(
      'root_mismatch',
      `proof self-check: the source segment does not reach ${describe(source)}`,
    );
  }
  if (!runSteps(atSource, object.steps.subarray(headerEnd)).equals(target.hash)) {
    throw new ChainwebError(
      'root_mismatch',
      `proof self-check: the proof does not reach ${describe(target)}`,
    );
  }
}

function checkCreateInput(input: CreateSpvProofInput): void {
  if (input === null || typeof input !== 'object')
    throw invalidInput('createSpvProof: expected an input object');
  checkVersion(input.version);
  if (input.kind !== 'TX' && input.kind !== 'TXOUT') throw invalidInput('kind must be "TX" or "TXOUT"');
  checkChain(input.sourceChain, 'sourceChain');
  checkTargetChoice(input);
  checkHeaderSource(input.headers);
  if (
    input.payloads === null ||
    typeof input.payloads !== 'object' ||
    typeof input.payloads.payload !== 'function'
  ) {
    throw invalidInput('payloads: expected a PayloadSource');
  }
  const byKey = input.requestKey !== undefined;
  const byIndex = input.txIndex !== undefined;
  if (byKey === byIndex) throw invalidInput('give exactly one of requestKey and txIndex');
  if (byKey && typeof input.requestKey !== 'string')
    throw invalidInput('requestKey must be a base64url string');
  if (byIndex) checkHeight(input.txIndex, 'txIndex');
}

function checkTargetChoice(input: SpvTargetChoice): void {
  checkChain(input.targetChain, 'targetChain');
  if (input.targetBlockHash !== undefined && input.targetHeadHeight !== undefined) {
    throw invalidInput('targetHeadHeight only applies to minimal proofs, not to a given targetBlockHash');
  }
  if (input.targetHeadHeight !== undefined) checkHeight(input.targetHeadHeight, 'targetHeadHeight');
}

function checkHeaderSource(headers: HeaderSource): void {
  if (
    headers === null ||
    typeof headers !== 'object' ||
    typeof headers.header !== 'function' ||
    typeof headers.canonicalHeaderAt !== 'function'
  ) {
    throw invalidInput('headers: expected a HeaderSource');
  }
}

function checkChain(value: unknown, what: string): asserts value is number {
  if (!isChainIdValue(value)) throw invalidInput(`${what}: expected a chain id`);
}
