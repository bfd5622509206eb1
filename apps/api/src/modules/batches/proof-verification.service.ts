import { Injectable } from '@nestjs/common';
import {
  hashFromBase64Url,
  verifyAnyProof,
  type AnyProofVerification,
  type VerifyAnyProofOptions,
} from '@spv-cloud/chainweb';
import { PROOF_CHECKS, type ProofVerificationView, type VerifyProofBody } from './dto/batch.schemas';

type ProofCheck = (typeof PROOF_CHECKS)[number];

/** The checks of each kind of proof, in the order verification runs them. */
function checksOf(kind: AnyProofVerification['kind'], body: VerifyProofBody): ProofCheck[] {
  const tenant: ProofCheck[] = body.expectedTenantId !== undefined ? ['tenant'] : [];
  const chain: ProofCheck[] = body.expectedChain !== undefined ? ['expected_chain'] : [];
  const root: ProofCheck[] = body.expectedRoot !== undefined ? ['expected_root'] : [];
  switch (kind) {
    case 'spv':
      return ['decoded', ...chain, ...root, 'spv'];
    case 'anchored-event':
      return ['decoded', ...tenant, 'inclusion', ...chain, ...root, 'spv', 'anchor_record'];
    case 'event':
      return ['decoded', ...tenant, ...chain, ...root, 'inclusion'];
    case null:
      return ['decoded'];
  }
}

/** Which check a failure reason belongs to (verifyAnyProof's reasons, libs/chainweb envelope). */
function failedCheck(result: AnyProofVerification): ProofCheck {
  if (result.kind === null) return 'decoded';
  switch (result.reason) {
    case 'tenant_mismatch':
      return 'tenant';
    case 'position_mismatch':
    case 'inclusion_mismatch':
      return 'inclusion';
    case 'not_anchored':
    case 'wrong_chain':
      return 'expected_chain';
    case 'anchor_failed':
    case 'anchor_output_mismatch':
      return 'anchor_record';
    case 'spv_invalid':
      return result.spvReason === 'wrong_chain' ? 'expected_chain' : 'spv';
    case 'root_mismatch':
      return result.kind === 'event' ? 'expected_root' : 'spv';
    default:
      return result.kind === 'event' ? 'inclusion' : 'spv';
  }
}

/**
 * Verifies any proof a client holds (ours or chainweb-node's) offline with libs/chainweb's
 * verifyAnyProof, and says which checks passed or why it failed. A valid proof's `root` still has
 * to be a canonical block hash of `chain` for the proof to mean anything on chain.
 */
@Injectable()
export class ProofVerificationService {
  verify(body: VerifyProofBody): ProofVerificationView {
    const options: VerifyAnyProofOptions = {
      ...(body.expectedTenantId !== undefined ? { expectedTenantId: body.expectedTenantId } : {}),
      ...(body.expectedChain !== undefined ? { expectedChain: body.expectedChain } : {}),
      ...(body.expectedRoot !== undefined
        ? { expectedRoot: hashFromBase64Url(body.expectedRoot, 'expectedRoot') }
        : {}),
    };
    const result = verifyAnyProof(body.proof, options);
    const checks = checksOf(result.kind, body);
    const passed = result.valid ? checks : checks.slice(0, Math.max(0, checks.indexOf(failedCheck(result))));
    return {
      valid: result.valid,
      kind: result.kind,
      form: result.form,
      chain: result.chain,
      root: result.root,
      checksPassed: passed,
      reason: result.valid
        ? null
        : result.spvReason !== undefined
          ? `${result.reason}:${result.spvReason}`
          : (result.reason ?? null),
      message: result.valid ? null : (result.message ?? null),
      requestKey: result.requestKey ?? null,
      event: result.event ?? null,
      batch: result.batch
        ? { id: result.batch.id ?? null, root: result.batch.root, leafCount: result.batch.leafCount }
        : null,
    };
  }
}
