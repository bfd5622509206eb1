import { PROOF_STATUSES } from '@spv-cloud/proof-service';
import { z } from 'zod';
import { ResourceId, Timestamp } from '../../../platform/http/common.schemas';
import { ChainId, NetworkName, RequestKey } from '../../proofs/dto/proof.schemas';

export const CreateWatchBody = z
  .strictObject({
    network: NetworkName.optional(),
    chainId: ChainId,
    requestKey: RequestKey,
    targetChainId: ChainId.optional().describe('Default: the same chain.'),
    kind: z.enum(['TXOUT', 'TX']).default('TXOUT'),
  })
  .meta({ id: 'CreateWatchRequest' });
export type CreateWatchBody = z.output<typeof CreateWatchBody>;

export const WatchView = z
  .object({
    id: ResourceId,
    status: z.enum(['active', 'fired', 'expired', 'cancelled']),
    network: z.string(),
    chainId: z.number().int(),
    requestKey: z.string(),
    targetChainId: z.number().int(),
    kind: z.enum(['TX', 'TXOUT']),
    proofId: ResourceId.nullable().describe('The precomputed proof: GET /v1/proofs/{proofId}.'),
    proofStatus: z.enum(PROOF_STATUSES).nullable(),
    firedAt: Timestamp.nullable(),
    expiresAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Watch' });
export type WatchView = z.output<typeof WatchView>;

export const WatchList = z.object({ items: z.array(WatchView) }).meta({ id: 'WatchList' });
export const WatchParams = z.strictObject({ id: ResourceId });
export const WatchListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50) });
