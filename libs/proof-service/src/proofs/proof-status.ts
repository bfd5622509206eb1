import type { ChainProofRecord, ProofRequestRecord } from './proof-records';

export const PROOF_STATUSES = [
  'waiting_inclusion',
  'waiting_reachability',
  'ready',
  'expiring',
  'refreshed',
  'expired',
  'failed',
] as const;
export type ProofStatusName = (typeof PROOF_STATUSES)[number];

/**
 * A tenant's view of its proof's state, derived from its request and the chain proof version it points
 * at: waiting for the transaction to be mined, waiting for the target chain to reach the proof's target
 * height, ready, ready but expiring within `expiringLeadMs` (its root leaves the chain's SPV root
 * window), ready after a refresh, expired (root out of the window or deleted), failed.
 */
export function proofStatus(
  request: Pick<ProofRequestRecord, 'status'>,
  chainProof: Pick<ChainProofRecord, 'status' | 'blockHash' | 'expiresAt' | 'refreshedFromId'> | null,
  now: Date,
  expiringLeadMs: number,
): ProofStatusName {
  if (request.status === 'failed') return 'failed';
  if (request.status === 'pending') {
    if (chainProof?.status === 'failed') return 'failed';
    return chainProof?.blockHash ? 'waiting_reachability' : 'waiting_inclusion';
  }
  if (!chainProof || chainProof.status === 'expired' || chainProof.status === 'failed') return 'expired';
  if (chainProof.expiresAt && chainProof.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (chainProof.expiresAt && chainProof.expiresAt.getTime() - now.getTime() <= expiringLeadMs)
    return 'expiring';
  return chainProof.refreshedFromId ? 'refreshed' : 'ready';
}

/** Statuses that carry a proof. */
export function isServable(status: ProofStatusName): boolean {
  return status === 'ready' || status === 'expiring' || status === 'refreshed';
}
