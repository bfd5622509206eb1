import type { Clock } from '../platform/clock';
import { ProofServiceError } from '../proof-service.errors';
import type { ProofRequestService, ProofView } from '../proofs/proof-request.service';
import type { SpvProofKindName } from '../proofs/proof-key';
import type { WatchRecord, WatchRepository } from './watch.repository';

export interface WatchInput {
  readonly network: string;
  readonly chainId: number;
  readonly requestKey: string;
  /** Default: the source chain (a same-chain proof). */
  readonly targetChainId?: number;
  /** Default TXOUT. */
  readonly kind?: SpvProofKindName;
}

export interface WatchView {
  readonly id: string;
  readonly status: WatchRecord['status'];
  readonly network: string;
  readonly chainId: number;
  readonly requestKey: string;
  readonly targetChainId: number;
  readonly kind: SpvProofKindName;
  /** The precomputed proof (GET /v1/proofs/{proofId}). */
  readonly proofId: string | null;
  readonly proofStatus: ProofView['status'] | null;
  readonly firedAt: string | null;
  readonly expiresAt: string | null;
  readonly createdAt: string;
}

/**
 * Watches: "tell me when this transaction lands, and have its proof ready". A watch is a precompute
 * proof request plus a record that fires once the proof is issued; the worker follows the network's
 * header updates and runs the proof's generation as soon as the transaction is mined and reachable,
 * instead of on its next scheduled look.
 */
export class WatchService {
  private readonly ttlMs: number;

  constructor(
    private readonly deps: {
      readonly repository: Pick<WatchRepository, 'create' | 'find' | 'list' | 'cancel'>;
      readonly proofs: Pick<ProofRequestService, 'request' | 'view'>;
      readonly clock: Clock;
      /** How long a watch waits for its transaction. Default 7 days. */
      readonly ttlMs?: number;
    },
  ) {
    this.ttlMs = deps.ttlMs ?? 7 * 86_400_000;
  }

  async create(tenantId: string, input: WatchInput, requestedByKeyId: string | null): Promise<WatchView> {
    const key = {
      network: input.network,
      chainId: input.chainId,
      requestKey: input.requestKey,
      targetChainId: input.targetChainId ?? input.chainId,
      kind: input.kind ?? 'TXOUT',
    } as const;
    const proof = await this.deps.proofs.request(tenantId, { ...key, mode: 'precompute' }, requestedByKeyId);
    const now = this.deps.clock.now();
    const watch = await this.deps.repository.create(tenantId, {
      key,
      proofRequestId: proof.view.id,
      webhookEndpointId: null,
      expiresAt: new Date(now.getTime() + this.ttlMs),
      now,
    });
    return toView(watch, proof.view);
  }

  async get(tenantId: string, id: string): Promise<WatchView> {
    const watch = await this.deps.repository.find(tenantId, id);
    if (!watch) throw new ProofServiceError('not_found', `no watch ${id}`);
    return toView(
      watch,
      watch.proofRequestId
        ? await this.deps.proofs.view(tenantId, watch.proofRequestId).catch(() => null)
        : null,
    );
  }

  async list(tenantId: string, limit = 100): Promise<WatchView[]> {
    const watches = await this.deps.repository.list(tenantId, limit);
    return watches.map((watch) => toView(watch, null));
  }

  async cancel(tenantId: string, id: string): Promise<WatchView> {
    const watch = await this.deps.repository.cancel(tenantId, id, this.deps.clock.now());
    if (!watch) throw new ProofServiceError('not_found', `no watch ${id}`);
    return toView(watch, null);
  }
}

function toView(watch: WatchRecord, proof: ProofView | null): WatchView {
  // A watch fires when its proof is issued; the sweep records it, the view does not wait for the sweep.
  const fired =
    watch.status === 'active' && proof !== null && ['ready', 'expiring', 'refreshed'].includes(proof.status);
  return {
    id: watch.id,
    status: fired ? 'fired' : watch.status,
    network: watch.network,
    chainId: watch.chainId,
    requestKey: watch.requestKey,
    targetChainId: watch.targetChainId,
    kind: watch.kind,
    proofId: watch.proofRequestId,
    proofStatus: proof?.status ?? null,
    firedAt: watch.firedAt?.toISOString() ?? (fired ? (proof?.completedAt ?? null) : null),
    expiresAt: watch.expiresAt?.toISOString() ?? null,
    createdAt: watch.createdAt.toISOString(),
  };
}
