/**
 * A real anchored event proof built end to end in memory, for the events and envelope tests:
 * a batch of events → the anchoring transaction (a Pact command calling spv-anchor.record-batch) and
 * its CommandResult carrying the anchor record → a block payload (buildPayload) → a braided
 * chainweb of real headers (every hash computed) → createSpvProof (TXOUT) → the anchored proof.
 */
import { computeBlockHash, genesisParentBlockHash, type BlockHeader } from '../src/header';
import { buildPayload, computeRequestKey, type BlockPayload } from '../src/payload';
import { createSpvProof, type HeaderSource, type PayloadSource, type SpvProof } from '../src/spv';
import { chainwebVersion, type ChainwebVersion } from '../src/version';
import {
  anchorEventProof,
  anchorRecordToJson,
  buildEventBatch,
  type AnchoredEventProof,
  type EventBatch,
  type EventDigestAlgorithm,
} from '../src/events';
import { sha512_256 } from '../src/hash';

const key = (chainId: number, hash: Uint8Array): string =>
  `${chainId}:${Buffer.from(hash).toString('base64url')}`;

class MemoryChainweb implements HeaderSource, PayloadSource {
  readonly byHash = new Map<string, BlockHeader>();
  readonly canonical = new Map<string, BlockHeader>();
  readonly payloads = new Map<string, BlockPayload>();

  header(chainId: number, hash: Buffer): Promise<BlockHeader | undefined> {
    return Promise.resolve(this.byHash.get(key(chainId, hash)));
  }

  canonicalHeaderAt(chainId: number, height: number): Promise<BlockHeader | undefined> {
    return Promise.resolve(this.canonical.get(`${chainId}@${height}`));
  }

  payload(chainId: number, payloadHash: Buffer): Promise<BlockPayload | undefined> {
    return Promise.resolve(this.payloads.get(key(chainId, payloadHash)));
  }

  at(chainId: number, height: number): BlockHeader {
    const header = this.canonical.get(`${chainId}@${height}`);
    if (!header) throw new Error(`no header at ${chainId}@${height}`);
    return header;
  }
}

function pactCommand(
  code: string,
  nonce: string,
  chainId: number,
): { transaction: Buffer; requestKey: string } {
  const cmd = JSON.stringify({
    networkId: 'development',
    payload: { exec: { data: {}, code } },
    signers: [{ pubKey: '368820f80c324bbc7c2b0610688a7da43e39f91d118732671cd9c7500ff43cca', clist: [] }],
    meta: {
      creationTime: 1764028800,
      ttl: 28800,
      gasLimit: 2500,
      chainId: String(chainId),
      gasPrice: 1e-8,
      sender: 'spv-cloud-anchor',
    },
    nonce,
  });
  const requestKey = computeRequestKey(cmd);
  const sig = sha512_256(Buffer.from(cmd)).toString('hex').repeat(2);
  return { transaction: Buffer.from(JSON.stringify({ hash: requestKey, sigs: [{ sig }], cmd })), requestKey };
}

function commandResult(requestKey: string, txId: number, result: unknown, events: unknown[] = []): Buffer {
  return Buffer.from(
    JSON.stringify({
      gas: 421,
      result,
      reqKey: requestKey,
      logs: sha512_256(Buffer.from(requestKey)).toString('base64url'),
      events,
      metaData: null,
      continuation: null,
      txId,
    }),
  );
}

export interface AnchoredFixtureOptions {
  readonly tenantId?: string;
  readonly namespace?: string;
  readonly batchId?: string;
  readonly eventCount?: number;
  readonly digestAlgorithm?: EventDigestAlgorithm;
  readonly sourceChain?: number;
  readonly targetChain?: number;
  /** The anchoring transaction's Pact result; by default success with the batch's anchor record. */
  readonly result?: (record: ReturnType<typeof anchorRecordToJson>) => unknown;
}

export interface AnchoredFixture {
  readonly version: ChainwebVersion;
  readonly batch: EventBatch;
  readonly batchId: string;
  readonly anchor: SpvProof;
  readonly anchorRequestKey: string;
  readonly anchorOutput: Buffer;
  readonly payload: BlockPayload;
  readonly sourceHeader: BlockHeader;
  readonly targetHeader: BlockHeader;
  /** Every header of the fixture's chainweb, for root authentication (checkRootTrusted). */
  readonly headers: HeaderSource;
  readonly payloads: PayloadSource;
  proof(index: number): AnchoredEventProof;
}

/** Anchoring block at height 2 of `sourceChain` on the 20-chain development version; the proof targets `targetChain`. */
export async function anchoredEventFixture(options: AnchoredFixtureOptions = {}): Promise<AnchoredFixture> {
  const tenantId = options.tenantId ?? 'tenant-0f9c2a7e';
  const namespace = options.namespace ?? 'orders';
  const batchId = options.batchId ?? 'batch-2026-11-25-000042';
  const eventCount = options.eventCount ?? 9;
  const digestAlgorithm = options.digestAlgorithm ?? 'sha256';
  const sourceChain = options.sourceChain ?? 0;
  const targetChain = options.targetChain ?? sourceChain;
  const version = chainwebVersion('development');
  const anchorHeight = 2;

  const digests = Array.from({ length: eventCount }, (_, i) =>
    sha512_256(Buffer.from(`${tenantId}/${namespace}/event-${i}`)),
  );
  const batch = buildEventBatch({ tenantId, namespace, digestAlgorithm, digests });
  const record = anchorRecordToJson({ tenantId, batchId, root: batch.root, leafCount: batch.leafCount });
  const call = `(free.spv-anchor.record-batch ${JSON.stringify(tenantId)} ${JSON.stringify(batchId)} ${JSON.stringify(record.root)} ${record['leaf-count']})`;
  const anchorTx = pactCommand(call, `anchor:${batchId}`, sourceChain);
  const result = options.result ? options.result(record) : { status: 'success', data: record };
  const anchorOutput = commandResult(anchorTx.requestKey, 90_017, result, [
    {
      params: [tenantId, batchId, record.root, { int: batch.leafCount }],
      name: 'BATCH-ANCHORED',
      module: { namespace: 'free', name: 'spv-anchor' },
      moduleHash: 'kXSSR6gVYSN1WA4nf3jWb5m4JzDZpjCFt8Ouy0ooyqk',
    },
  ]);
  const before = pactCommand('(coin.details "alice")', 'other-1', sourceChain);
  const after = pactCommand('(+ 1 2)', 'other-2', sourceChain);
  const anchorPayload = buildPayload({
    minerData: Buffer.from('{"account":"k:miner","predicate":"keys-all","public-keys":["aa"]}'),
    coinbase: commandResult('coinbase', 90_015, { status: 'success', data: 'Write succeeded' }),
    transactions: [
      {
        transaction: before.transaction,
        output: commandResult(before.requestKey, 90_016, { status: 'success', data: { balance: 1.5 } }),
      },
      { transaction: anchorTx.transaction, output: anchorOutput },
      {
        transaction: after.transaction,
        output: commandResult(after.requestKey, 90_018, { status: 'success', data: 3 }),
      },
    ],
  });

  // A braid of every chain up to the height the proof's target needs (anchor height + at most 3 hops).
  const chainweb = new MemoryChainweb();
  for (let height = 0; height <= anchorHeight + 3; height++) {
    for (const chainId of version.chainIdsAt(height)) {
      const payload =
        chainId === sourceChain && height === anchorHeight
          ? anchorPayload
          : buildPayload({
              minerData: Buffer.from(`{"account":"m${chainId}@${height}"}`),
              coinbase: Buffer.from('{}'),
              transactions: [],
            });
      chainweb.payloads.set(key(chainId, payload.payloadHash), payload);
      const genesis = height === version.genesisHeight(chainId);
      const graph = version.graphAt(genesis ? height : height - 1);
      const draft: BlockHeader = {
        featureFlags: 0n,
        creationTime: 1_764_028_800_000_000n + BigInt(height) * 30_000_000n,
        parent: genesis
          ? genesisParentBlockHash(version.code, chainId)
          : chainweb.at(chainId, height - 1).hash,
        adjacents: graph.adjacents(chainId).map((a) => ({
          chainId: a,
          hash: genesis ? genesisParentBlockHash(version.code, a) : chainweb.at(a, height - 1).hash,
        })),
        target: Buffer.alloc(32, 0xff),
        payloadHash: payload.payloadHash,
        chainId,
        weight: Buffer.alloc(32),
        height,
        versionCode: version.code,
        epochStart: 1_764_028_800_000_000n,
        nonce: BigInt(chainId * 1000 + height),
        hash: Buffer.alloc(32),
      };
      const header = { ...draft, hash: computeBlockHash(draft) };
      chainweb.byHash.set(key(chainId, header.hash), header);
      chainweb.canonical.set(`${chainId}@${height}`, header);
    }
  }

  const sourceHeader = chainweb.at(sourceChain, anchorHeight);
  const anchor = await createSpvProof({
    version,
    kind: 'TXOUT',
    sourceChain,
    blockHash: sourceHeader.hash,
    requestKey: anchorTx.requestKey,
    targetChain,
    headers: chainweb,
    payloads: chainweb,
  });
  const root = anchor.object.run(anchor.subject);
  const targetHeader = [...chainweb.canonical.values()].find((h) => h.hash.equals(root));
  if (!targetHeader) throw new Error('the anchor proof does not run to a header of the fixture');

  return {
    version,
    batch,
    batchId,
    anchor,
    anchorRequestKey: anchorTx.requestKey,
    anchorOutput,
    payload: anchorPayload,
    sourceHeader,
    targetHeader,
    headers: chainweb,
    payloads: chainweb,
    proof: (index) => anchorEventProof(batch.eventProof(index), batchId, anchor),
  };
}
