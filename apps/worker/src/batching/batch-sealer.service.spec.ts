/* eslint-disable @typescript-eslint/require-await -- in-memory fakes implement async ports synchronously */
import { randomBytes, randomUUID } from 'node:crypto';
import { EventBatch } from '@spv-cloud/chainweb';
import type { Logger } from '@spv-cloud/observability';
import { workerTestSettings } from '../../test/support/worker-test-settings';
import type { AnchorChainGateway } from '../anchoring/anchor-chain.gateway';
import type {
  BatchSealerRepository,
  NewSealedBatch,
  PendingEventRow,
  TenantRouting,
} from './batch-sealer.repository';
import { BatchSealer } from './batch-sealer.service';
import { ChainSelector, routingKeyOf } from './chain-selector';

const TENANT = randomUUID();
const NOW = new Date('2026-11-25T12:00:10.000Z');
const settings = workerTestSettings({ batching: { windowMs: 1_000, maxSize: 3, scanLimit: 100 } });

function pending(
  count: number,
  overrides: Partial<PendingEventRow> & { ageMs?: number } = {},
): PendingEventRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    namespace: overrides.namespace ?? 'default',
    routingKey: overrides.routingKey ?? null,
    digestAlgorithm: overrides.digestAlgorithm ?? 'sha256',
    createdAt: new Date(NOW.getTime() - (overrides.ageMs ?? 5_000) + i),
    digest: randomBytes(overrides.digestAlgorithm === 'sha512' ? 64 : 32),
  }));
}

function setup(
  events: PendingEventRow[],
  routing: TenantRouting | null = { active: true, pinnedNetwork: null, pinnedChainId: null },
) {
  const sealed: { batch: NewSealedBatch; eventIds: readonly string[]; sealedAt: Date }[] = [];
  const repository = {
    tenantRouting: jest.fn(async () => routing),
    withSealingLock: jest.fn(async (_tenant: string, work: (unit: unknown) => Promise<unknown>) =>
      work({
        pendingEvents: async () => ({ events, now: NOW }),
        sealBatch: async (batch: NewSealedBatch, eventIds: readonly string[], sealedAt: Date) => {
          sealed.push({ batch, eventIds, sealedAt });
          return `batch-${sealed.length}`;
        },
      }),
    ),
  };
  const chain = { chainIds: jest.fn(async () => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) };
  const logger = { warn: jest.fn() };
  const sealer = new BatchSealer(
    repository as unknown as BatchSealerRepository,
    chain as unknown as AnchorChainGateway,
    settings,
    logger as unknown as Logger,
  );
  return { sealer, sealed, repository, chain, logger };
}

describe('BatchSealer', () => {
  it('seals a due group with the EventBatch root and the events in arrival order as leaves', async () => {
    const events = pending(2);
    const { sealer, sealed } = setup(events);
    const outcome = await sealer.seal(TENANT);
    const expectedChain = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).select(
      routingKeyOf(TENANT, 'default', null),
    );
    expect(outcome).toEqual({
      sealed: [
        { batchId: 'batch-1', namespace: 'default', chainId: expectedChain, leafCount: 2, reason: 'window' },
      ],
      nextDueAt: null,
    });
    const tree = EventBatch.build({
      tenantId: TENANT,
      namespace: 'default',
      digestAlgorithm: 'sha256',
      digests: events.map((e) => e.digest),
    });
    expect(sealed[0]).toEqual({
      batch: {
        namespace: 'default',
        network: 'development',
        chainId: expectedChain,
        digestAlgorithm: 'sha256',
        root: tree.root,
        leafCount: 2,
      },
      eventIds: events.map((e) => e.id),
      sealedAt: NOW,
    });
  });

  it('seals full groups at once and leaves a young remainder for its window', async () => {
    const events = pending(4, { ageMs: 100 });
    const { sealer, sealed } = setup(events);
    const outcome = await sealer.seal(TENANT);
    expect(sealed.map((seal) => seal.eventIds)).toEqual([events.slice(0, 3).map((e) => e.id)]);
    expect(outcome.sealed[0]!.reason).toBe('size');
    expect(outcome.nextDueAt).toEqual(new Date(events[3]!.createdAt.getTime() + 1_000));
  });

  it('spreads routing keys over chains and keeps each batch on one chain', async () => {
    const events = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].flatMap((key) => pending(1, { routingKey: key }));
    const { sealer, sealed } = setup(events);
    await sealer.seal(TENANT);
    const selector = new ChainSelector([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const seal of sealed) {
      for (const id of seal.eventIds) {
        const event = events.find((e) => e.id === id)!;
        expect(selector.select(routingKeyOf(TENANT, event.namespace, event.routingKey))).toBe(
          seal.batch.chainId,
        );
      }
    }
    expect(new Set(sealed.map((seal) => seal.batch.chainId)).size).toBeGreaterThan(1);
    expect(sealed.flatMap((seal) => seal.eventIds).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it("anchors every event on the tenant's pinned chain (and pinned network when configured)", async () => {
    const events = ['a', 'b', 'c'].flatMap((key) => pending(1, { routingKey: key }));
    const { sealer, sealed } = setup(events, {
      active: true,
      pinnedNetwork: 'development',
      pinnedChainId: 7,
    });
    await sealer.seal(TENANT);
    expect(sealed.map((seal) => seal.batch.chainId)).toEqual([7]);
    const unknownPin = setup(pending(1), { active: true, pinnedNetwork: 'nope', pinnedChainId: 42 });
    await unknownPin.sealer.seal(TENANT);
    expect(unknownPin.sealed[0]!.batch.network).toBe('development');
    expect(unknownPin.logger.warn).toHaveBeenCalled();
  });

  it('keeps digest algorithms in separate batches', async () => {
    const events = [...pending(1), ...pending(1, { digestAlgorithm: 'sha512' })];
    const { sealer, sealed } = setup(events);
    await sealer.seal(TENANT);
    expect(sealed.map((seal) => [seal.batch.digestAlgorithm, seal.eventIds.length])).toEqual([
      ['sha256', 1],
      ['sha512', 1],
    ]);
  });

  it('does nothing for an inactive or unknown tenant', async () => {
    for (const routing of [null, { active: false, pinnedNetwork: null, pinnedChainId: null }]) {
      const { sealer, repository } = setup(pending(5), routing);
      await expect(sealer.seal(TENANT)).resolves.toEqual({ sealed: [], nextDueAt: null });
      expect(repository.withSealingLock).not.toHaveBeenCalled();
    }
  });
});
