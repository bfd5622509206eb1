import { PROOF_STATUSES } from '@spv-cloud/proof-service';
import { z } from 'zod';
import { ResourceId, Timestamp } from '../../../platform/http/common.schemas';

export const ChainId = z.number().int().min(0).max(0xffff);
export const RequestKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a Pact request key: 32 bytes of unpadded base64url')
  .describe("The transaction's request key (`/send` answer, `/poll` key).");
export const NetworkName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a network name such as mainnet01, testnet04 or development');

export const CreateProofBody = z
  .strictObject({
    network: NetworkName.optional().describe("Default: the service's default network."),
    chainId: ChainId.describe('The chain the transaction ran on.'),
    requestKey: RequestKey,
    targetChainId: ChainId.describe(
      'The chain the proof will be redeemed on (the same chain for a same-chain proof).',
    ),
    kind: z
      .enum(['TXOUT', 'TX'])
      .default('TXOUT')
      .describe('TXOUT proves the output (what Pact `verify-spv` takes); TX the command.'),
    mode: z
      .enum(['on_demand', 'precompute'])
      .default('on_demand')
      .describe('precompute: generated ahead, as soon as possible (watches use it).'),
  })
  .meta({ id: 'CreateProofRequest' });
export type CreateProofBody = z.output<typeof CreateProofBody>;

export const ProofPayload = z
  .object({
    encoded: z
      .string()
      .describe('The `/pact/spv` answer: base64url of the proof JSON, what a continuation takes as `proof`.'),
    json: z.record(z.string(), z.unknown()).describe('The proof JSON: {chain, object, subject, algorithm}.'),
    bundleHash: z
      .string()
      .describe('sha256 (hex) of the evidence bundle; the `proofHash` of its provenance entries.'),
  })
  .meta({ id: 'SpvProofPayload' });

export const ProofView = z
  .object({
    id: ResourceId,
    status: z.enum(PROOF_STATUSES),
    eta: Timestamp.nullable().describe('When the next state is expected, while waiting.'),
    network: z.string(),
    chainId: z.number().int(),
    requestKey: z.string(),
    targetChainId: z.number().int(),
    kind: z.enum(['TX', 'TXOUT']),
    mode: z.enum(['on_demand', 'precompute']),
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
    expiresAt: Timestamp.nullable().describe(
      'When the proof root leaves the SPV root window (refreshed before, while retained).',
    ),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    proof: ProofPayload.optional(),
  })
  .meta({ id: 'Proof' });
export type ProofView = z.output<typeof ProofView>;

export const AcceptedProof = z
  .object({ id: ResourceId, status: z.enum(PROOF_STATUSES), eta: Timestamp.nullable() })
  .meta({ id: 'AcceptedProof' });

export const ProofParams = z.strictObject({ id: ResourceId });

export const EvidenceBundleView = z
  .object({
    bundle: z
      .record(z.string(), z.unknown())
      .describe('The stored evidence bundle (spv-cloud/evidence-bundle@1).'),
    bundleHash: z.string(),
    provenance: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("This tenant's provenance entries, inclusion proofs and checkpoint."),
  })
  .meta({ id: 'EvidenceBundle' });
export type EvidenceBundleView = z.output<typeof EvidenceBundleView>;
