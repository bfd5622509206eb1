import { invalidArgument } from '../proof-service.errors';

export const SPV_PROOF_KINDS = ['TX', 'TXOUT'] as const;
export type SpvProofKindName = (typeof SPV_PROOF_KINDS)[number];

/**
 * What identifies one SPV proof, whoever asks: 100 tenants asking for the same proof share one
 * chain proof row, one job and one generation.
 */
export interface ChainProofKey {
  /** The network's chainweb version name (`mainnet01`, `testnet04`, `development`). */
  readonly network: string;
  readonly chainId: number;
  readonly requestKey: string;
  readonly targetChainId: number;
  readonly kind: SpvProofKindName;
}

const NETWORK = /^[a-z0-9][a-z0-9-]{0,62}$/;
const REQUEST_KEY = /^[A-Za-z0-9_-]{43}$/;

export function checkChainProofKey(key: ChainProofKey): ChainProofKey {
  if (!NETWORK.test(key?.network ?? '')) throw invalidArgument('network: expected a network name');
  for (const field of ['chainId', 'targetChainId'] as const) {
    const value = key[field];
    if (!Number.isSafeInteger(value) || value < 0 || value > 0xffff)
      throw invalidArgument(`${field}: expected a chain id`);
  }
  if (
    !REQUEST_KEY.test(key.requestKey ?? '') ||
    Buffer.from(key.requestKey, 'base64url').toString('base64url') !== key.requestKey
  ) {
    throw invalidArgument('requestKey: expected 32 bytes of unpadded base64url');
  }
  if (!(SPV_PROOF_KINDS as readonly string[]).includes(key.kind))
    throw invalidArgument('kind: expected TX or TXOUT');
  return key;
}

/** `network/chain/requestKey/target/kind`: the key of the per-proof advisory lock. */
export function chainProofKeyText(key: ChainProofKey): string {
  return `${key.network}/${key.chainId}/${key.requestKey}/${key.targetChainId}/${key.kind}`;
}

/** Name of the transaction-level advisory lock that serializes find-or-create and deletion of a proof. */
export function chainProofLockName(key: ChainProofKey): string {
  return `spv-cloud:chain-proof:${chainProofKeyText(key)}`;
}

/** BullMQ job id of the proof's generation: deterministic, so duplicates collapse into one job. */
export function generationJobId(key: ChainProofKey): string {
  // Request keys are base64url ([A-Za-z0-9_-]): already BullMQ-safe; no ':' anywhere.
  return `proof.${key.network}.${key.chainId}.${key.requestKey}.${key.targetChainId}.${key.kind}`;
}
