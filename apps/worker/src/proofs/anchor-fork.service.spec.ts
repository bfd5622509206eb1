import { randomBytes, randomUUID } from 'node:crypto';
import { MetricsRegistry, type Logger } from '@spv-cloud/observability';
import type { JobProducer } from '@spv-cloud/queue';
import type { AnchorChainGateway, AnchorInclusion } from '../anchoring/anchor-chain.gateway';
import { AnchorForkService } from './anchor-fork.service';
import type { BatchProofRepository, ProofBatch } from './batch-proof.repository';

const OLD = 'O'.repeat(43);
const NEW = 'N'.repeat(43);

function setup(chain: { canonical: Record<number, string>; inclusion?: AnchorInclusion }) {
  const batch: ProofBatch = {
    id: randomUUID(),
    tenantId: randomUUID(),
    status: 'CONFIRMED',
    namespace: 'default',
    network: 'development',
    chainId: 4,
    digestAlgorithm: 'sha256',
    root: new Uint8Array(randomBytes(32)),
    leafCount: 2,
    requestKey: 'rk',
    blockHash: OLD,
    blockHeight: 10n,
  };
  const repository = {
    reopenForReconfirmation: jest.fn(() => Promise.resolve(true)),
    supersede: jest.fn(() => Promise.resolve('replacement-id')),
  };
  const producer = {
    ensureAnchorBatch: jest.fn(() => Promise.resolve('added')),
    anchorBatch: jest.fn(() => Promise.resolve()),
  };
  const gateway = {
    canonicalBlockHash: jest.fn((_n: string, _c: number, height: number) =>
      Promise.resolve(chain.canonical[height]),
    ),
    poll: jest.fn(() => Promise.resolve(chain.inclusion)),
  };
  const metrics = new MetricsRegistry('fork-test', { collectProcessMetrics: false });
  const service = new AnchorForkService(
    repository as unknown as BatchProofRepository,
    gateway as unknown as AnchorChainGateway,
    producer as unknown as JobProducer,
    { now: () => new Date() },
    { warn: jest.fn() } as unknown as Logger,
    metrics,
  );
  return { batch, service, repository, producer, metrics };
}

describe('AnchorForkService', () => {
  it('leaves a batch whose block is canonical alone', async () => {
    const { batch, service, repository } = setup({ canonical: { 10: OLD } });
    await expect(service.check(batch)).resolves.toEqual({ kind: 'canonical' });
    expect(repository.supersede).not.toHaveBeenCalled();
    expect(repository.reopenForReconfirmation).not.toHaveBeenCalled();
  });

  it('confirms the batch again when the fork kept its transaction in another block', async () => {
    const { batch, service, repository, producer } = setup({
      canonical: { 10: 'X'.repeat(43), 12: NEW },
      inclusion: { status: 'success', data: {}, blockHash: NEW, blockHeight: 12 },
    });
    await expect(service.check(batch)).resolves.toEqual({ kind: 'reconfirming' });
    expect(repository.reopenForReconfirmation).toHaveBeenCalledWith(batch.tenantId, batch.id, OLD);
    expect(producer.ensureAnchorBatch).toHaveBeenCalledWith({ tenantId: batch.tenantId, batchId: batch.id });
  });

  it('re-anchors the events in a replacement batch when the transaction is gone (or only in a stale block)', async () => {
    for (const inclusion of [
      undefined,
      { status: 'success' as const, data: {}, blockHash: NEW, blockHeight: 12 },
    ]) {
      const { batch, service, repository, producer, metrics } = setup({
        canonical: { 10: 'X'.repeat(43), 12: 'Y'.repeat(43) },
        inclusion,
      });
      await expect(service.check(batch)).resolves.toEqual({
        kind: 'superseded',
        replacementBatchId: 'replacement-id',
      });
      expect(repository.supersede).toHaveBeenCalledWith(batch.tenantId, batch, OLD, expect.any(Date));
      expect(producer.anchorBatch).toHaveBeenCalledWith({
        tenantId: batch.tenantId,
        batchId: 'replacement-id',
      });
      expect(await metrics.render()).toMatch(/anchor_forks_total\{[^}]*outcome="superseded"[^}]*\} 1/);
    }
  });

  it('treats a block above the current head as gone, and a batch that moved on as stale', async () => {
    const gone = setup({ canonical: {} });
    await expect(gone.service.check(gone.batch)).resolves.toMatchObject({ kind: 'superseded' });
    const moved = setup({ canonical: {} });
    moved.repository.supersede.mockResolvedValue(null as never);
    await expect(moved.service.check(moved.batch)).resolves.toEqual({ kind: 'stale' });
    expect(moved.producer.anchorBatch).not.toHaveBeenCalled();
    const notConfirmed = setup({ canonical: {} });
    await expect(notConfirmed.service.check({ ...notConfirmed.batch, status: 'SUBMITTED' })).resolves.toEqual(
      { kind: 'stale' },
    );
  });
});
