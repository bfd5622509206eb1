import { randomUUID } from 'node:crypto';
import type { Logger } from '@spv-cloud/observability';
import type { JobProducer } from '@spv-cloud/queue';
import { workerTestSettings } from '../../test/support/worker-test-settings';
import type { AnchorForkService } from '../proofs/anchor-fork.service';
import type { ProofBatch } from '../proofs/batch-proof.repository';
import type { AnchoringSweepRepository } from './anchoring-sweep.repository';
import { AnchoringSweepService } from './anchoring-sweep.service';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const settings = workerTestSettings({
  sweep: { intervalMs: 5_000, staleAfterMs: 30_000, forkWatchMs: 600_000 },
});

function setup() {
  const tenant = randomUUID();
  const repository = {
    tenantsWithOverdueEvents: jest.fn(() => Promise.resolve([tenant])),
    stalledBatches: jest.fn(() => Promise.resolve([{ tenantId: tenant, batchId: 'b1', blockHash: null }])),
    confirmedWithoutProofs: jest.fn(() =>
      Promise.resolve([
        { tenantId: tenant, batchId: 'b2', blockHash: 'H'.repeat(43) },
        { tenantId: tenant, batchId: 'b3', blockHash: null },
      ]),
    ),
    recentlyConfirmed: jest.fn(() =>
      Promise.resolve([{ id: 'b4' }, { id: 'b5' }, { id: 'b6' }] as ProofBatch[]),
    ),
  };
  const producer = {
    sealOnSweep: jest.fn(() => Promise.resolve()),
    ensureAnchorBatch: jest.fn(() => Promise.resolve('added')),
    ensureBuildBatchProofs: jest.fn(() => Promise.resolve('retried')),
  };
  const forks = {
    check: jest.fn((batch: ProofBatch) =>
      batch.id === 'b4'
        ? Promise.resolve({ kind: 'superseded', replacementBatchId: 'r' })
        : batch.id === 'b5'
          ? Promise.reject(new Error('node down'))
          : Promise.resolve({ kind: 'canonical' }),
    ),
  };
  const logger = { warn: jest.fn(), info: jest.fn() };
  const service = new AnchoringSweepService(
    repository as unknown as AnchoringSweepRepository,
    producer as unknown as JobProducer,
    forks as unknown as AnchorForkService,
    settings,
    { now: () => NOW },
    logger as unknown as Logger,
  );
  return { service, repository, producer, forks, logger, tenant };
}

describe('AnchoringSweepService', () => {
  it('re-nudges overdue events, stalled anchors and unproven confirmations, and checks recent anchors for forks', async () => {
    const { service, repository, producer, logger, tenant } = setup();
    await expect(service.sweep()).resolves.toEqual({
      tenantsNudged: 1,
      batchesNudged: 1,
      proofsNudged: 2,
      forks: 1,
    });
    // Overdue means older than the batch window plus a grace; stale means untouched for staleAfterMs.
    expect(repository.tenantsWithOverdueEvents).toHaveBeenCalledWith(
      new Date(NOW.getTime() - settings.batching.windowMs - 2_000),
      500,
    );
    expect(repository.stalledBatches).toHaveBeenCalledWith(new Date(NOW.getTime() - 30_000), 500);
    expect(repository.recentlyConfirmed).toHaveBeenCalledWith(new Date(NOW.getTime() - 600_000), 50);
    expect(producer.sealOnSweep).toHaveBeenCalledWith(tenant, Math.floor(NOW.getTime() / 5_000));
    expect(producer.ensureAnchorBatch).toHaveBeenCalledWith({ tenantId: tenant, batchId: 'b1' });
    expect(producer.ensureBuildBatchProofs).toHaveBeenCalledTimes(1);
    expect(producer.ensureBuildBatchProofs).toHaveBeenCalledWith({
      tenantId: tenant,
      batchId: 'b2',
      blockHash: 'H'.repeat(43),
    });
    // One unreachable network does not stop the sweep.
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ batchId: 'b5' }), 'fork check failed');
  });
});
