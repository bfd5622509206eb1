import { Inject, Injectable } from '@nestjs/common';
import { EventBatch, isEventDigestAlgorithm } from '@spv-cloud/chainweb';
import type { Logger } from '@spv-cloud/observability';
import { ANCHOR_CHAIN_GATEWAY, type AnchorChainGateway } from '../anchoring/anchor-chain.gateway';
import type { WorkerSettings } from '../config/worker-settings';
import { WORKER_LOGGER, WORKER_SETTINGS } from '../platform/worker-database';
import { BatchSealerRepository, type PendingEventRow } from './batch-sealer.repository';
import { ChainSelector, routingKeyOf } from './chain-selector';
import { planSeals } from './sealing-policy';

export interface SealedBatchRef {
  readonly batchId: string;
  readonly namespace: string;
  readonly chainId: number;
  readonly leafCount: number;
  readonly reason: 'size' | 'window';
}

export interface SealOutcome {
  readonly sealed: readonly SealedBatchRef[];
  /** When the tenant's next open batch is due; null when no event waits. */
  readonly nextDueAt: Date | null;
}

const NOTHING: SealOutcome = { sealed: [], nextDueAt: null };

/**
 * Seals a tenant's due batches: groups its received events by namespace, chain (rendezvous hashing
 * of the routing key over the network's chains, or the tenant's pinned chain) and digest algorithm,
 * and seals each group that is full or whose window has passed: computes the root with libs/chainweb
 * EventBatch, stores the batch and assigns every event its leaf index, all in one transaction.
 * Idempotent: only received events are sealed, under a per-tenant lock.
 */
@Injectable()
export class BatchSealer {
  private readonly selectors = new Map<string, ChainSelector>();

  constructor(
    private readonly repository: BatchSealerRepository,
    @Inject(ANCHOR_CHAIN_GATEWAY) private readonly chain: AnchorChainGateway,
    @Inject(WORKER_SETTINGS) private readonly settings: WorkerSettings,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
  ) {}

  async seal(tenantId: string): Promise<SealOutcome> {
    const routing = await this.repository.tenantRouting(tenantId);
    if (!routing?.active) return NOTHING;
    const anchoring = this.settings.anchoring;
    const network =
      routing.pinnedNetwork !== null &&
      anchoring.networks.some((candidate) => candidate.name === routing.pinnedNetwork)
        ? routing.pinnedNetwork
        : anchoring.defaultNetwork;
    const selector = await this.selectorFor(network);
    const pinned =
      routing.pinnedChainId !== null && selector.chains.includes(routing.pinnedChainId)
        ? routing.pinnedChainId
        : null;
    if (routing.pinnedChainId !== null && pinned === null) {
      this.logger.warn(
        { tenantId, pinnedChainId: routing.pinnedChainId, network },
        'pinned chain is not an anchoring chain; hashing instead',
      );
    }
    const chainOf = (event: { namespace: string; routingKey: string | null }) =>
      pinned ?? selector.select(routingKeyOf(tenantId, event.namespace, event.routingKey));

    return this.repository.withSealingLock(tenantId, async (unit) => {
      const { events, now } = await unit.pendingEvents(this.settings.batching.scanLimit);
      if (events.length === 0) return NOTHING;
      const plan = planSeals(events, chainOf, this.settings.batching, now);
      const byId = new Map<string, PendingEventRow>(events.map((event) => [event.id, event]));
      const sealed: SealedBatchRef[] = [];
      for (const seal of plan.seals) {
        if (!isEventDigestAlgorithm(seal.digestAlgorithm)) {
          throw new Error(
            `events of tenant ${tenantId} carry unknown digest algorithm ${seal.digestAlgorithm}`,
          );
        }
        const tree = EventBatch.build({
          tenantId,
          namespace: seal.namespace,
          digestAlgorithm: seal.digestAlgorithm,
          digests: seal.eventIds.map((id) => byId.get(id)!.digest),
        });
        const batchId = await unit.sealBatch(
          {
            namespace: seal.namespace,
            network,
            chainId: seal.chainId,
            digestAlgorithm: seal.digestAlgorithm,
            root: tree.root,
            leafCount: tree.leafCount,
          },
          seal.eventIds,
          now,
        );
        sealed.push({
          batchId,
          namespace: seal.namespace,
          chainId: seal.chainId,
          leafCount: tree.leafCount,
          reason: seal.reason,
        });
      }
      // More events than one look takes: look again at once rather than after a window.
      const nextDueAt =
        events.length >= this.settings.batching.scanLimit && plan.seals.length > 0 ? now : plan.nextDueAt;
      return { sealed, nextDueAt };
    });
  }

  private async selectorFor(network: string): Promise<ChainSelector> {
    let selector = this.selectors.get(network);
    if (!selector) {
      selector = new ChainSelector(await this.chain.chainIds(network));
      this.selectors.set(network, selector);
    }
    return selector;
  }
}
