/**
 * Every failure of the proof service is a ProofServiceError with a machine-readable code, so the API
 * maps it to a problem document and the worker decides whether a job retries (`retryable`).
 */
export type ProofServiceErrorCode =
  /** A caller passed something malformed (bad id, out-of-range policy, unknown kind). */
  | 'invalid_argument'
  /** The network is not configured. */
  | 'unknown_network'
  /** The chain is not a chain of the network. */
  | 'unknown_chain'
  /** No such proof, bundle or provenance entry for this tenant. */
  | 'not_found'
  /** The proof is not ready yet (no bundle to serve). */
  | 'not_ready'
  /** Object storage did not answer or failed; the work is retried, nothing is lost. */
  | 'storage_unavailable'
  /** Stored bytes do not hash to their address. */
  | 'storage_corrupt'
  /** The chain node did not answer or failed. */
  | 'chain_unavailable'
  /** The transaction is not on the chain (after waiting for it as long as allowed). */
  | 'tx_not_found'
  /** Our proof and the node's /pact/spv disagree: not served, operators alerted. */
  | 'cross_check_mismatch'
  /** Generation failed for a reason retrying does not fix (bad chain data, verification failure). */
  | 'proof_failed'
  /** The provenance log does not match its checkpoints (tampering or corruption). */
  | 'provenance_inconsistent'
  /** Checkpoint anchoring is not configured (no operator key / sender account). */
  | 'anchoring_disabled';

export class ProofServiceError extends Error {
  override readonly name = 'ProofServiceError';
  readonly retryable: boolean;

  constructor(
    readonly code: ProofServiceErrorCode,
    message: string,
    options: { readonly retryable?: boolean; readonly cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
}

export function invalidArgument(message: string): ProofServiceError {
  return new ProofServiceError('invalid_argument', message);
}
