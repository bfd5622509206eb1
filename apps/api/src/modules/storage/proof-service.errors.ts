import { ProofServiceError } from '@spv-cloud/proof-service';
import { ApiError } from '../../platform/errors/api-error';
import { PlatformErrors } from '../../platform/errors/platform.errors';

export type ProofServiceProblemCode =
  | 'invalid_proof_request'
  | 'unknown_network'
  | 'unknown_chain'
  | 'proof_not_found'
  | 'proof_not_ready'
  | 'watch_not_found'
  | 'provenance_not_found';

/**
 * The one mapping from the proof service's errors to problems (REST problem+json and GraphQL
 * `extensions.code` both read ApiError). What is not safe to show (corrupt storage, an inconsistent
 * provenance log) stays an internal error and is logged by the platform.
 */
export function toProofProblem(error: unknown, what: 'proof' | 'watch' | 'provenance' = 'proof'): unknown {
  if (!(error instanceof ProofServiceError)) return error;
  switch (error.code) {
    case 'invalid_argument':
      return new ApiError({
        code: 'invalid_proof_request',
        status: 400,
        title: 'Invalid proof request',
        detail: error.message,
      });
    case 'unknown_network':
      return new ApiError({
        code: 'unknown_network',
        status: 422,
        title: 'Unknown network',
        detail: error.message,
      });
    case 'unknown_chain':
      return new ApiError({
        code: 'unknown_chain',
        status: 422,
        title: 'Unknown chain',
        detail: error.message,
      });
    case 'not_found':
      return what === 'watch'
        ? new ApiError({
            code: 'watch_not_found',
            status: 404,
            title: 'Watch not found',
            detail: 'No such watch in this tenant.',
          })
        : what === 'provenance'
          ? new ApiError({
              code: 'provenance_not_found',
              status: 404,
              title: 'Provenance not found',
              detail: 'No provenance entries for this proof in this tenant.',
            })
          : new ApiError({
              code: 'proof_not_found',
              status: 404,
              title: 'Proof not found',
              detail: 'No such proof in this tenant.',
            });
    case 'not_ready':
      return new ApiError({
        code: 'proof_not_ready',
        status: 409,
        title: 'Proof not ready',
        detail: 'The proof has no evidence bundle yet; GET /v1/proofs/{id} tells its status and ETA.',
      });
    case 'storage_unavailable':
    case 'chain_unavailable':
      return new ApiError({
        ...PlatformErrors.serviceUnavailable('A storage or chain dependency is unavailable; retry shortly.'),
        headers: { 'Retry-After': '5' },
        logReason: error.message,
      });
    default:
      return error;
  }
}

/** Runs `work`, mapping proof service errors to problems. */
export async function mappingProofErrors<T>(
  work: () => Promise<T>,
  what: 'proof' | 'watch' | 'provenance' = 'proof',
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toProofProblem(error, what);
  }
}

export const PROOF_SERVICE_PROBLEM_CODES = [
  { code: 'invalid_proof_request', status: 400, title: 'Invalid proof request' },
  { code: 'unknown_network', status: 422, title: 'Unknown network' },
  { code: 'unknown_chain', status: 422, title: 'Unknown chain' },
  { code: 'proof_not_found', status: 404, title: 'Proof not found' },
  { code: 'proof_not_ready', status: 409, title: 'Proof not ready' },
  { code: 'watch_not_found', status: 404, title: 'Watch not found' },
  { code: 'provenance_not_found', status: 404, title: 'Provenance not found' },
] as const satisfies readonly { code: ProofServiceProblemCode; status: number; title: string }[];
