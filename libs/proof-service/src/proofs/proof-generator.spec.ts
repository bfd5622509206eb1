import {
  assessSpvRoot,
  decodeBlockHeaderBase64Url,
  parseSpvProof,
  verifySpvProof,
} from '@spv-cloud/chainweb';
import { MemoryChainweb, memoryVersion } from '@spv-cloud/testing';
import {
  MemoryGenerationRepository,
  MemoryProofCache,
  MemoryProofStore,
  registryOf,
} from '../../test/fake-proof-ports';
import { ManualClock } from '../platform/clock';
import { decodeEvidenceBundle } from './evidence-bundle';
import { ProofGenerator, type CrossCheckMismatch, type ProofGeneratorOptions } from './proof-generator';
import type { ChainProofKey } from './proof-key';

const T1 = '018f0000-0000-7000-8000-0000000000a1';
const T2 = '018f0000-0000-7000-8000-0000000000a2';
const START = Date.UTC(2026, 5, 1);

describe('ProofGenerator (in-memory chainweb, fake repository and storage)', () => {
  let chain: MemoryChainweb;
  let repository: MemoryGenerationRepository;
  let store: MemoryProofStore;
  let cache: MemoryProofCache;
  let clock: ManualClock;
  let mismatches: CrossCheckMismatch[];
  let generated: string[];

  function generator(options: Partial<ProofGeneratorOptions> = {}): ProofGenerator {
    return new ProofGenerator({
      repository,
      chains: registryOf(chain),
      store,
      cache,
      clock,
      service: { version: '0.9.0', buildHash: 'b1' },
      onCrossCheckMismatch: (m) => mismatches.push(m),
      onGenerated: (id) => generated.push(id),
      options,
    });
  }

  function setUp(version = memoryVersion()) {
    chain = new MemoryChainweb({ version, height: 3 });
    repository = new MemoryGenerationRepository();
    store = new MemoryProofStore();
    cache = new MemoryProofCache();
    clock = new ManualClock(START);
    mismatches = [];
    generated = [];
  }

  const key = (
    requestKey: string,
    chainId: number,
    targetChainId: number,
    kind: 'TX' | 'TXOUT' = 'TXOUT',
  ): ChainProofKey => ({
    network: 'development',
    chainId,
    requestKey,
    targetChainId,
    kind,
  });

  beforeEach(() => setUp());

  it('waits for inclusion, then for reachability, then issues a proof that verifies (cross-chain TXOUT)', async () => {
    // A target two hops away from chain 0 on the Petersen graph.
    const target = chain.versionValue.chainIds.find(
      (c) => chain.versionValue.graphAt(0).distance(0, c) === 2,
    )!;
    const tx = chain.submit(0, 'cross-chain');
    // Asked before the transaction is mined.
    repository.addProof('cp1', key(tx.requestKey, 0, target), { createdAt: new Date(START) });
    repository.addRequest('r1', T1, 'cp1');
    repository.tenants.set(T1, { plan: 'pro', hotTtlDays: 30 });
    let outcome = await generator().generate('cp1');
    expect(outcome).toMatchObject({ kind: 'waiting', phase: 'inclusion' });
    expect(repository.waits.at(-1)?.state.etaAt.getTime()).toBe(START + 30_000);

    chain.mine(1);
    const sourceHeight = chain.currentHeight;
    outcome = await generator().generate('cp1');
    const distance = 2;
    expect(outcome).toMatchObject({ kind: 'waiting', phase: 'reachability' });
    // ETA: the missing heights at the chain's block rate (30 s).
    expect((outcome as { etaAt: Date }).etaAt.getTime()).toBe(START + distance * 30_000);
    expect(repository.waits.at(-1)?.state).toMatchObject({
      phase: 'reachability',
      targetHeight: sourceHeight + distance,
    });

    chain.mine(distance);
    outcome = await generator().generate('cp1');
    expect(outcome).toMatchObject({ kind: 'ready', issued: 1 });
    const row = repository.proofs.get('cp1')!;
    expect(row.status).toBe('ready');
    expect(row.targetHeight).toBe(sourceHeight + distance);
    expect(row.facts).toMatchObject({
      nodeUrl: 'memory://chainweb',
      chainwebVersion: 'development',
      crossCheck: 'match',
      serviceVersion: '0.9.0',
    });
    expect(row.expiresAt).toBeNull();
    expect(generated).toEqual(['cp1']);

    // The bundle: stored once, in the hot cache, with a proof that verifies against a canonical root.
    const bytes = store.blobs.get(row.s3Key!)!;
    expect(cache.entries.get(row.contentHash!.toString('hex'))).toEqual(bytes);
    const { bundle, proof } = decodeEvidenceBundle(bytes);
    const verified = verifySpvProof(proof, { expectedChain: target, expectedKind: 'TXOUT' });
    expect(verified.valid).toBe(true);
    if (!verified.valid) return;
    expect(verified.requestKey).toBe(tx.requestKey);
    await expect(assessSpvRoot(target, verified.root, chain.headers)).resolves.toMatchObject({
      trusted: true,
    });
    expect(bundle.target).toEqual({
      chainId: target,
      blockHash: chain.at(target, sourceHeight + distance).hash.toString('base64url'),
      height: sourceHeight + distance,
    });
    expect(bundle.subject.stored).toBe(tx.output.toString('utf8'));
    expect(bundle.headers.items.map((h) => decodeBlockHeaderBase64Url(h).height)).toEqual([
      sourceHeight + distance,
    ]);
    // The tenant's reference and the completed request.
    expect(repository.requests[0]).toMatchObject({
      status: 'completed',
      bundleKey: `tenants/${T1}/bundles/${row.contentHash!.toString('hex')}.json`,
    });
    expect([...store.references.keys()]).toEqual([repository.requests[0]!.bundleKey]);
  });

  it('makes same-chain TX proofs and puts the checkpoint headers above the root', async () => {
    const tx = chain.submit(3, 'same-chain');
    chain.mine(1);
    const height = chain.currentHeight;
    chain.mine(4);
    repository.addProof('cp2', key(tx.requestKey, 3, 3, 'TX'), { createdAt: new Date(START) });
    repository.addRequest('r2', T1, 'cp2');
    const outcome = await generator({ checkpointDepth: 3 }).generate('cp2');
    expect(outcome).toMatchObject({ kind: 'ready' });
    const row = repository.proofs.get('cp2')!;
    expect(row.targetHeight).toBe(height);
    // TX proofs cannot be cross-checked (the node's /pact/spv makes TXOUT proofs only).
    expect(row.facts?.crossCheck).toBe('skipped');
    const { bundle, proof } = decodeEvidenceBundle(store.blobs.get(row.s3Key!)!);
    expect(verifySpvProof(proof, { expectedChain: 3, expectedKind: 'TX' })).toMatchObject({
      valid: true,
      kind: 'TX',
    });
    expect(bundle.headers).toMatchObject({ chainId: 3, fromHeight: height, toHeight: height + 3 });
    const headers = bundle.headers.items.map(decodeBlockHeaderBase64Url);
    for (let i = 1; i < headers.length; i++) expect(headers[i]!.parent).toEqual(headers[i - 1]!.hash);
  });

  it('never serves a proof the node disagrees with, and alerts', async () => {
    const tx = chain.submit(1, 'disputed');
    chain.mine(4);
    chain.crossCheck = 'disagree';
    repository.addProof('cp3', key(tx.requestKey, 1, 1), { createdAt: new Date(START) });
    repository.addRequest('r3', T1, 'cp3');
    const outcome = await generator().generate('cp3');
    expect(outcome).toMatchObject({ kind: 'failed', code: 'cross_check_mismatch' });
    expect(mismatches).toEqual([expect.objectContaining({ chainProofId: 'cp3', requestKey: tx.requestKey })]);
    expect(store.blobs.size).toBe(0);
    expect(repository.requests[0]).toMatchObject({ status: 'failed' });
  });

  it('serves without a cross-check when the node has no answer, and can skip it by configuration', async () => {
    const tx = chain.submit(1, 'quiet node');
    chain.mine(4);
    chain.crossCheck = 'absent';
    repository.addProof('cp4', key(tx.requestKey, 1, 1), { createdAt: new Date(START) });
    await generator().generate('cp4');
    expect(repository.proofs.get('cp4')?.facts?.crossCheck).toBe('unavailable');
    repository.addProof('cp5', key(tx.requestKey, 1, 6), { createdAt: new Date(START) });
    const calls = chain.calls.nodeSpvProof;
    await generator({ crossCheck: false }).generate('cp5');
    expect(chain.calls.nodeSpvProof).toBe(calls);
    expect(repository.proofs.get('cp5')?.facts?.crossCheck).toBe('skipped');
  });

  it('fails a proof whose transaction never lands within the inclusion timeout', async () => {
    repository.addProof('cp6', key('A'.repeat(43), 0, 0), { createdAt: new Date(START) });
    repository.addRequest('r6', T2, 'cp6');
    await expect(generator({ inclusionTimeoutMs: 60_000 }).generate('cp6')).resolves.toMatchObject({
      kind: 'waiting',
      phase: 'inclusion',
    });
    clock.advance(60_001);
    await expect(generator({ inclusionTimeoutMs: 60_000 }).generate('cp6')).resolves.toMatchObject({
      kind: 'failed',
      code: 'tx_not_found',
    });
    expect(repository.requests[0]).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('tx_not_found'),
    });
  });

  it('fails unknown networks and chains instead of retrying forever', async () => {
    repository.addProof('cp7', { ...key('A'.repeat(43), 0, 0), network: 'mainnet01' });
    await expect(generator().generate('cp7')).resolves.toMatchObject({
      kind: 'failed',
      code: 'unknown_network',
    });
    repository.addProof('cp8', key('A'.repeat(43), 0, 12));
    await expect(generator().generate('cp8')).resolves.toMatchObject({
      kind: 'failed',
      code: 'unknown_chain',
    });
  });

  it('issues a ready proof to requests left pending (no second generation)', async () => {
    const tx = chain.submit(2, 'stragglers');
    chain.mine(4);
    repository.addProof('cp9', key(tx.requestKey, 2, 2), { createdAt: new Date(START) });
    repository.addRequest('r9a', T1, 'cp9');
    await generator().generate('cp9');
    repository.addRequest('r9b', T2, 'cp9');
    const reads = { ...chain.calls };
    await expect(generator().generate('cp9')).resolves.toEqual({ kind: 'issued', issued: 1 });
    expect(chain.calls).toEqual(reads);
    expect(generated).toEqual(['cp9']);
    expect(repository.requests.map((r) => r.status)).toEqual(['completed', 'completed']);
  });

  it('retries (throws, retryable) while object storage is down, and nothing is issued', async () => {
    const tx = chain.submit(2, 'storage down');
    chain.mine(4);
    repository.addProof('cp10', key(tx.requestKey, 2, 2), { createdAt: new Date(START) });
    repository.addRequest('r10', T1, 'cp10');
    store.available = false;
    await expect(generator().generate('cp10')).rejects.toMatchObject({
      code: 'storage_unavailable',
      retryable: true,
    });
    expect(repository.proofs.get('cp10')?.status).toBe('pending');
    expect(repository.requests[0]?.status).toBe('pending');
    store.available = true;
    await expect(generator().generate('cp10')).resolves.toMatchObject({ kind: 'ready', issued: 1 });
  });

  it('refreshes a proof before its root leaves the SPV root window: a newer root, requests moved over', async () => {
    setUp(memoryVersion({ spvProofRootWindow: { fromHeight: 0, blocks: 150 } }));
    const tx = chain.submit(0, 'long-lived');
    chain.mine(1);
    const height = chain.currentHeight;
    chain.mine(3);
    repository.addProof('old', key(tx.requestKey, 0, 5), { createdAt: new Date(START) });
    repository.addRequest('r11', T1, 'old');
    await generator().generate('old');
    const old = repository.proofs.get('old')!;
    // Expires when the head passes root + 150 blocks: 30 s per block from now.
    expect(old.expiresAt?.getTime()).toBe(START + (old.targetHeight! + 150 - chain.currentHeight) * 30_000);

    // Near the end of the window a minimal proof would only be raised to head − 150 + 100 (chainweb's
    // slack): the refresh roots just below the head instead.
    chain.mine(140);
    repository.addProof('new', key(tx.requestKey, 0, 5), { refreshedFromId: 'old', createdAt: clock.now() });
    const outcome = await generator({ refreshConfirmations: 2 }).generate('new');
    expect(outcome).toMatchObject({ kind: 'ready', issued: 1 });
    const fresh = repository.proofs.get('new')!;
    expect(fresh.targetHeight).toBe(chain.currentHeight - 2);
    expect(fresh.targetHeight).toBeGreaterThan(old.targetHeight!);
    expect(repository.issued.at(-1)).toEqual({ requestId: 'r11', tenantId: T1, action: 'refreshed' });
    expect(repository.requests[0]).toMatchObject({ chainProofId: 'new', status: 'completed' });
    const proof = parseSpvProof(decodeEvidenceBundle(store.blobs.get(fresh.s3Key!)!).bundle.proof.encoded);
    const verified = verifySpvProof(proof, { expectedChain: 5 });
    expect(verified.valid).toBe(true);
    if (verified.valid) {
      await expect(
        assessSpvRoot(5, verified.root, chain.headers, {
          currentHeight: chain.currentHeight,
          version: chain.versionValue,
        }),
      ).resolves.toMatchObject({ trusted: true });
    }
    expect(height).toBeLessThan(fresh.targetHeight!);
  });

  it('skips rows that are failed, expired or gone', async () => {
    repository.addProof('gone', key('A'.repeat(43), 0, 0), { status: 'expired' });
    await expect(generator().generate('gone')).resolves.toMatchObject({ kind: 'skipped' });
    await expect(generator().generate('missing')).resolves.toMatchObject({ kind: 'skipped' });
  });
});
