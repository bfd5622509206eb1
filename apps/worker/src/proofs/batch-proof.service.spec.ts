import { randomBytes, randomUUID } from 'node:crypto';
import { EventBatch, type SpvProof } from '@spv-cloud/chainweb';
import { MetricsRegistry, type Logger } from '@spv-cloud/observability';
import { workerTestSettings } from '../../test/support/worker-test-settings';
import type { AnchorChainGateway } from '../anchoring/anchor-chain.gateway';
import type { AnchorForkService, ForkOutcome } from './anchor-fork.service';
import type { BatchProofRepository, ProofBatch } from './batch-proof.repository';
import { BatchProofService, ProofIntegrityError } from './batch-proof.service';
import type { WebhookDeliveryService } from '../webhooks/webhook-delivery.service';
import type { ProofBlobStore } from './proof-blob.store';

const BLOCK = 'B'.repeat(43);

function setup(
  options: { fork?: ForkOutcome; ready?: boolean; batch?: Partial<ProofBatch>; digests?: Buffer[] } = {},
) {
  const tenantId = randomUUID();
  const digests = options.digests ?? [randomBytes(32), randomBytes(32)];
  const tree = EventBatch.build({ tenantId, namespace: 'default', digestAlgorithm: 'sha256', digests });
  const batch: ProofBatch = {
    id: randomUUID(),
    tenantId,
    status: 'CONFIRMED',
    namespace: 'default',
    network: 'development',
    chainId: 1,
    digestAlgorithm: 'sha256',
    root: new Uint8Array(tree.root),
    leafCount: 2,
    requestKey: 'rk',
    blockHash: BLOCK,
    blockHeight: 5n,
    ...options.batch,
  };
  const repository = {
    findBatch: jest.fn(() => Promise.resolve(batch)),
    proofsReady: jest.fn(() => Promise.resolve(options.ready ?? false)),
    batchEvents: jest.fn(() =>
      Promise.resolve(digests.map((digest, index) => ({ id: randomUUID(), index, digest }))),
    ),
    storeProofs: jest.fn(() => Promise.resolve(true)),
  };
  const forks = { check: jest.fn(() => Promise.resolve(options.fork ?? { kind: 'canonical' })) };
  const blobs = { putMany: jest.fn(() => Promise.resolve()) };
  const gateway = {
    txOutProof: jest.fn(() => Promise.resolve({ chain: 1 } as unknown as SpvProof)),
    nodeSpvResponse: jest.fn(),
  };
  const service = new BatchProofService(
    repository as unknown as BatchProofRepository,
    forks as unknown as AnchorForkService,
    blobs as unknown as ProofBlobStore,
    { notify: jest.fn(() => Promise.resolve(0)) } as unknown as WebhookDeliveryService,
    gateway as unknown as AnchorChainGateway,
    workerTestSettings(),
    { now: () => new Date() },
    { warn: jest.fn() } as unknown as Logger,
    new MetricsRegistry('proof-test', { collectProcessMetrics: false }),
  );
  return { service, batch, repository, forks, blobs, gateway };
}

describe('BatchProofService', () => {
  it('ignores a job about another state of the batch', async () => {
    for (const batch of [{ status: 'SUPERSEDED' as const }, { blockHash: 'C'.repeat(43) }]) {
      const { service, batch: row, gateway } = setup({ batch });
      await expect(service.build(row.tenantId, row.id, BLOCK)).resolves.toEqual({ kind: 'stale' });
      expect(gateway.txOutProof).not.toHaveBeenCalled();
    }
  });

  it('does not build twice', async () => {
    const { service, batch, gateway } = setup({ ready: true });
    await expect(service.build(batch.tenantId, batch.id, BLOCK)).resolves.toEqual({ kind: 'already_stored' });
    expect(gateway.txOutProof).not.toHaveBeenCalled();
  });

  it('hands a fork to the fork service instead of proving against a dead block', async () => {
    const { service, batch, gateway } = setup({ fork: { kind: 'superseded', replacementBatchId: 'r' } });
    await expect(service.build(batch.tenantId, batch.id, BLOCK)).resolves.toEqual({
      kind: 'fork',
      fork: { kind: 'superseded', replacementBatchId: 'r' },
    });
    expect(gateway.txOutProof).not.toHaveBeenCalled();
  });

  it('never stores proofs when the stored events do not hash to the anchored root, or the anchor does not verify', async () => {
    const tampered = setup({ batch: { root: new Uint8Array(randomBytes(32)) } });
    await expect(tampered.service.build(tampered.batch.tenantId, tampered.batch.id, BLOCK)).rejects.toThrow(
      ProofIntegrityError,
    );
    expect(tampered.blobs.putMany).not.toHaveBeenCalled();
    // A proof object that is no TXOUT proof of this batch's record fails verification before anything is stored.
    const bogus = setup();
    await expect(bogus.service.build(bogus.batch.tenantId, bogus.batch.id, BLOCK)).rejects.toThrow();
    expect(bogus.blobs.putMany).not.toHaveBeenCalled();
    expect(bogus.repository.storeProofs).not.toHaveBeenCalled();
  });
});
