import {
  encodeSpvProofBase64Url,
  encodeSpvProofJson,
  inputSubject,
  MerkleProofObject,
  spvProof,
  taggedEntry,
} from '@spv-cloud/chainweb';
import { ManualClock } from '../platform/clock';
import { ProofServiceError } from '../proof-service.errors';
import { encodeEvidenceBundle } from './evidence-bundle';
import type { ChainProofRecord, ProofRequestRecord } from './proof-records';
import { ProofRequestService } from './proof-request.service';

const TENANT = '018f0000-0000-7000-8000-0000000000c1';
const KEY = {
  network: 'development',
  chainId: 0,
  requestKey: 'A'.repeat(43),
  targetChainId: 1,
  kind: 'TXOUT' as const,
};
const NOW = new Date('2026-03-01T00:00:00Z');

const request = (overrides: Partial<ProofRequestRecord> = {}): ProofRequestRecord => ({
  id: '018f0000-0000-7000-8000-0000000000d1',
  tenantId: TENANT,
  key: KEY,
  status: 'pending',
  mode: 'on_demand',
  chainProofId: 'cp',
  bundleKey: null,
  lastError: null,
  createdAt: NOW,
  completedAt: null,
  ...overrides,
});

const chainProof = (overrides: Partial<ChainProofRecord> = {}): ChainProofRecord => ({
  id: 'cp',
  key: KEY,
  status: 'pending',
  contentHash: null,
  s3Key: null,
  byteSize: null,
  blockHash: null,
  blockHeight: null,
  targetHeight: null,
  rootBlockHash: null,
  etaAt: null,
  expiresAt: null,
  refreshedFromId: null,
  lastError: null,
  facts: null,
  createdAt: NOW,
  updatedAt: NOW,
  ...overrides,
});

// A structurally valid proof (a one-leaf tree); the service only carries it, verification is elsewhere.
const PROOF = spvProof(
  1,
  new MerkleProofObject(1n, Buffer.alloc(0)),
  inputSubject(taggedEntry(0x14, Buffer.from('{}'))),
);
const ENCODED = encodeSpvProofBase64Url(PROOF);

const BUNDLE = encodeEvidenceBundle({
  format: 'spv-cloud/evidence-bundle@1',
  network: 'development',
  kind: 'TXOUT',
  requestKey: KEY.requestKey,
  source: { chainId: 0, blockHash: 'x', height: 1, txIndex: 0 },
  target: { chainId: 1, blockHash: 'y', height: 2 },
  proof: { encoded: ENCODED, json: JSON.parse(encodeSpvProofJson(PROOF)) as Record<string, unknown> },
  subject: { stored: '{}', decoded: {} },
  headers: { chainId: 1, fromHeight: 2, toHeight: 2, items: [] },
  generatedBy: {
    nodeUrl: 'n',
    chainwebVersion: 'development',
    serviceVersion: '1',
    buildHash: 'b',
    observedAt: NOW.toISOString(),
    crossCheck: 'match',
  },
});

/** Strict mocks: every port method the service may call, failing loudly if an unexpected one is hit. */
function mocks() {
  const deps = {
    repository: { createRequest: jest.fn(), findRequest: jest.fn(), issueReadyProof: jest.fn() },
    jobs: { generateProof: jest.fn().mockResolvedValue('added') },
    store: { getBlob: jest.fn(), putReference: jest.fn().mockResolvedValue('tenants/t/bundles/h.json') },
    cache: { get: jest.fn().mockResolvedValue(BUNDLE), set: jest.fn().mockResolvedValue(true) },
    catalog: { checkChains: jest.fn().mockResolvedValue(undefined) },
    clock: new ManualClock(NOW),
    onEnqueueFailed: jest.fn(),
  };
  return { deps, service: new ProofRequestService(deps) };
}

describe('ProofRequestService (mocked ports)', () => {
  it('serves a ready proof at once: issued to the request, no job', async () => {
    const { deps, service } = mocks();
    const ready = chainProof({
      status: 'ready',
      contentHash: Buffer.alloc(32, 1),
      s3Key: 'blobs/x',
      byteSize: 10,
    });
    deps.repository.createRequest.mockResolvedValue({
      request: request(),
      chainProof: ready,
      createdChainProof: false,
      plan: 'pro',
    });
    deps.repository.issueReadyProof.mockResolvedValue([
      { requestId: request().id, tenantId: TENANT, action: 'issued' },
    ]);
    deps.repository.findRequest.mockResolvedValue({
      request: request({ status: 'completed', completedAt: NOW }),
      chainProof: ready,
    });
    const outcome = await service.request(TENANT, { ...KEY, mode: 'on_demand' }, 'key-1');
    expect(outcome).toMatchObject({
      ready: true,
      view: { status: 'ready', proof: { encoded: ENCODED, bundleHash: '01'.repeat(32) } },
    });
    expect(deps.repository.issueReadyProof).toHaveBeenCalledWith('cp', expect.any(Function), NOW, [
      request().id,
    ]);
    expect(deps.jobs.generateProof).not.toHaveBeenCalled();
    expect(deps.repository.createRequest).toHaveBeenCalledWith(
      TENANT,
      { key: KEY, mode: 'on_demand', requestedByKeyId: 'key-1' },
      NOW,
    );
  });

  it('queues a proof that is not ready at the tenant’s plan, and reports waiting', async () => {
    const { deps, service } = mocks();
    deps.repository.createRequest.mockResolvedValue({
      request: request(),
      chainProof: chainProof(),
      createdChainProof: true,
      plan: 'enterprise',
    });
    deps.repository.findRequest.mockResolvedValue({
      request: request(),
      chainProof: chainProof({ etaAt: new Date(NOW.getTime() + 30_000) }),
    });
    const outcome = await service.request(TENANT, { ...KEY, mode: 'precompute' }, null);
    expect(outcome).toMatchObject({
      ready: false,
      view: { status: 'waiting_inclusion', eta: '2026-03-01T00:00:30.000Z' },
    });
    expect(deps.jobs.generateProof).toHaveBeenCalledWith({ chainProofId: 'cp' }, 'enterprise');
  });

  it('still answers when the queue is down (the sweep re-enqueues) and when storage fails while issuing', async () => {
    const { deps, service } = mocks();
    const ready = chainProof({
      status: 'ready',
      contentHash: Buffer.alloc(32, 2),
      s3Key: 'blobs/y',
      blockHash: 'b',
    });
    deps.repository.createRequest.mockResolvedValue({
      request: request(),
      chainProof: ready,
      createdChainProof: false,
      plan: 'free',
    });
    deps.repository.issueReadyProof.mockRejectedValue(
      new ProofServiceError('storage_unavailable', 'down', { retryable: true }),
    );
    deps.jobs.generateProof.mockRejectedValue(new Error('redis away'));
    deps.repository.findRequest.mockResolvedValue({ request: request(), chainProof: ready });
    const outcome = await service.request(TENANT, { ...KEY, mode: 'on_demand' }, null);
    expect(outcome.ready).toBe(false);
    expect(deps.onEnqueueFailed).toHaveBeenCalledWith('cp', expect.any(Error));
  });

  it('checks the key and the chains before storing anything', async () => {
    const { deps, service } = mocks();
    await expect(
      service.request(TENANT, { ...KEY, requestKey: 'nope', mode: 'on_demand' }, null),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    deps.catalog.checkChains.mockRejectedValue(new ProofServiceError('unknown_chain', 'no chain 1'));
    await expect(service.request(TENANT, { ...KEY, mode: 'on_demand' }, null)).rejects.toMatchObject({
      code: 'unknown_chain',
    });
    expect(deps.repository.createRequest).not.toHaveBeenCalled();
  });

  it('reads bundles from the cache, else from storage (re-warming the cache); another tenant’s proof is not found', async () => {
    const { deps, service } = mocks();
    const ready = chainProof({ status: 'ready', contentHash: Buffer.alloc(32, 3), s3Key: 'blobs/z' });
    deps.repository.findRequest.mockResolvedValue({
      request: request({ status: 'completed' }),
      chainProof: ready,
    });
    deps.cache.get.mockResolvedValue(undefined);
    deps.store.getBlob.mockResolvedValue(BUNDLE);
    const { bundle } = await service.bundle(TENANT, request().id);
    expect(bundle.requestKey).toBe(KEY.requestKey);
    expect(deps.cache.set).toHaveBeenCalledWith(ready.contentHash, BUNDLE);
    deps.repository.findRequest.mockResolvedValue(null);
    await expect(service.view(TENANT, request().id)).rejects.toMatchObject({ code: 'not_found' });
    deps.repository.findRequest.mockResolvedValue({ request: request(), chainProof: chainProof() });
    await expect(service.bundle(TENANT, request().id)).rejects.toMatchObject({ code: 'not_ready' });
  });
});
