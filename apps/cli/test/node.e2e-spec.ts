import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  anchorEventProof,
  anchorRecordToJson,
  buildEventBatch,
  createSpvProofDetailed,
  encodeAnchoredEventProofBinary,
  encodeAnchoredEventProofJson,
  encodeSpvProofJson,
  encodeSpvResponse,
  parseSpvProof,
  PETERSEN_GRAPH,
  type BlockHeader,
  type BlockPayload,
  type HeaderSource,
  type PayloadSource,
  type SpvProofKind,
} from '@spv-cloud/chainweb';
import { buildFakeChainweb, type FakeChainweb } from './fake-chainweb';
import { startFakeNode, type FakeNode } from './fake-node';
import { runSpv } from './run-spv';
import { VECTORS_DIR } from './vectors';

/** An event batch of tenant "acme", anchored by the transaction on chain 7 at height 1 (its result is the anchor record). */
const batch = buildEventBatch({
  tenantId: 'acme',
  namespace: 'orders',
  digestAlgorithm: 'sha256',
  digests: Array.from({ length: 9 }, (_, i) => createHash('sha256').update(`order ${i}`).digest()),
});
const BATCH_ID = 'batch-0001';
const anchorRecord = anchorRecordToJson({
  tenantId: 'acme',
  batchId: BATCH_ID,
  root: batch.root,
  leafCount: batch.leafCount,
});

/** Petersen graph: chain 0 reaches chain 1 in two hops (0 → 3 → 1), so a proof from height 2 ends at height 4. */
const chainweb: FakeChainweb = buildFakeChainweb({
  nodeVersion: 'development',
  graph: PETERSEN_GRAPH,
  maxHeight: 6,
  transactionsAt: (chainId, height) =>
    chainId === 0 && height === 2 ? 3 : chainId === 7 && height === 1 ? 1 : 0,
  resultData: (chainId, height) => (chainId === 7 && height === 1 ? anchorRecord : undefined),
});
/** The second of three transactions in its block: not the first leaf of the outputs tree. */
const tx = [...chainweb.transactions.values()].filter(
  (placed) => placed.chainId === 0 && placed.txIndex === 1,
)[0]!;
const anchorTx = [...chainweb.transactions.values()].filter((placed) => placed.chainId === 7)[0]!;
const UNKNOWN_KEY = Buffer.alloc(32, 7).toString('base64url');

/** The same data the fake node serves, read directly: what the CLI's proof must equal. */
class DirectSource implements HeaderSource, PayloadSource {
  header(chainId: number, hash: Buffer): Promise<BlockHeader | undefined> {
    return Promise.resolve(chainweb.headersByHash.get(`${chainId}/${hash.toString('base64url')}`));
  }
  canonicalHeaderAt(chainId: number, height: number): Promise<BlockHeader | undefined> {
    return Promise.resolve(height <= chainweb.maxHeight ? chainweb.at(chainId, height) : undefined);
  }
  payload(_chainId: number, payloadHash: Buffer): Promise<BlockPayload | undefined> {
    return Promise.resolve(chainweb.payloadsByHash.get(payloadHash.toString('base64url')));
  }
}
const direct = new DirectSource();

async function expectedProof(kind: SpvProofKind, targetChain: number, targetBlockHash?: Buffer) {
  return createSpvProofDetailed({
    version: chainweb.version,
    kind,
    sourceChain: tx.chainId,
    blockHash: chainweb.at(tx.chainId, tx.height).hash,
    requestKey: tx.requestKey,
    targetChain,
    ...(targetBlockHash === undefined ? { targetHeadHeight: chainweb.maxHeight } : { targetBlockHash }),
    headers: direct,
    payloads: direct,
  });
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let dir: string;
let node: FakeNode;
const json = (run: { stdout: string }): any => JSON.parse(run.stdout);
const proveArgs = (url: string, targetChain: number, ...more: string[]) => [
  'prove',
  '--node',
  url,
  '--chain',
  String(tx.chainId),
  '--request-key',
  tx.requestKey,
  '--target-chain',
  String(targetChain),
  ...more,
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spv-cli-node-'));
  node = await startFakeNode(chainweb);
});
afterAll(async () => {
  await node.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('spv prove against a node', () => {
  it('builds the cross-chain TXOUT proof byte for byte as /pact/spv would, from the version in /info', async () => {
    const run = await runSpv(proveArgs(node.url, 1));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const expected = await expectedProof('TXOUT', 1);
    expect(expected.targetHeader.height).toBe(tx.height + 2);
    expect(run.stdout).toBe(`${encodeSpvResponse(expected.proof)}\n`);
    expect(node.requests).toContain('GET /info');
    expect(node.requests).toContain('POST /chainweb/0.0/development/chain/0/pact/api/v1/poll');
  });

  it('writes the node, json and binary formats with --out; each verifies against the node (rootTrusted)', async () => {
    const expected = await expectedProof('TXOUT', 1);
    const root = expected.targetHeader.hash.toString('base64url');
    for (const format of ['node', 'json', 'binary']) {
      const out = join(dir, `proof.${format}`);
      const run = await runSpv(proveArgs(node.url, 1, '--format', format, '--out', out));
      expect({ format, code: run.code, stdout: run.stdout }).toEqual({ format, code: 0, stdout: '' });
      if (format === 'node') expect(readFileSync(out, 'utf8')).toBe(encodeSpvResponse(expected.proof));
      if (format === 'json') expect(readFileSync(out, 'utf8')).toBe(encodeSpvProofJson(expected.proof));
      if (format === 'binary') expect(readFileSync(out).subarray(0, 4).toString('ascii')).toBe('SPVC');
      const verified = await runSpv(['verify', out, '--node', node.url, '--json']);
      expect({ format, code: verified.code }).toEqual({ format, code: 0 });
      expect(json(verified)).toMatchObject({ valid: true, kind: 'TXOUT', chain: 1, root, rootTrusted: true });
      expect(json(verified).subject).toMatchObject({ reqKey: tx.requestKey, result: { status: 'success' } });
    }
    // The binary form also goes to a pipe.
    const piped = await runSpv(proveArgs(node.url, 1, '--format', 'binary'));
    expect(piped.code).toBe(0);
    expect(piped.stdoutBytes).toEqual(readFileSync(join(dir, 'proof.binary')));
  });

  it('builds TX proofs and same-chain proofs', async () => {
    const txRun = await runSpv(proveArgs(node.url, 1, '--kind', 'TX', '--format', 'json'));
    expect(txRun.code).toBe(0);
    expect(txRun.stdout).toBe(`${encodeSpvProofJson((await expectedProof('TX', 1)).proof)}\n`);
    const verified = await runSpv(['verify', '-', '--node', node.url, '--json'], { stdin: txRun.stdout });
    expect(json(verified)).toMatchObject({ valid: true, kind: 'TX', rootTrusted: true });
    expect(json(verified).subject).toHaveProperty('hash', tx.requestKey);

    const same = await runSpv(proveArgs(node.url, 0, '--format', 'json'));
    expect(same.code).toBe(0);
    const sameVerified = await runSpv(['verify', '-', '--json'], { stdin: same.stdout });
    expect(json(sameVerified)).toMatchObject({
      valid: true,
      chain: 0,
      root: chainweb.at(0, tx.height).hash.toString('base64url'),
    });
  });

  it('waits for the transaction and then for the target header while the node mines', async () => {
    const mining = await startFakeNode(chainweb, { startHeight: 0, blockIntervalMs: 300 });
    try {
      const run = await runSpv(proveArgs(mining.url, 1, '--poll-interval', '0.1', '--timeout', '20'));
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toBe(`${encodeSpvResponse((await expectedProof('TXOUT', 1)).proof)}\n`);
      // It polled until height 2 was mined, then re-read the cut until chain 1 reached height 4.
      const count = (suffix: string) => mining.requests.filter((request) => request.endsWith(suffix)).length;
      expect(count('/pact/api/v1/poll')).toBeGreaterThan(1);
      expect(count('/cut')).toBeGreaterThan(1);
    } finally {
      await mining.close();
    }
  });

  it('gives up with exit 2 when the transaction never lands', async () => {
    const run = await runSpv([
      'prove',
      '--node',
      node.url,
      '--chain',
      '0',
      '--request-key',
      UNKNOWN_KEY,
      '--target-chain',
      '1',
      '--timeout',
      '0.5',
      '--poll-interval',
      '0.1',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `spv: transaction ${UNKNOWN_KEY} is not in a block of chain 0 after waiting 0.5 s\n`,
    );
  });

  it('rejects bad usage with exit 2 and one line', async () => {
    for (const [args, message] of [
      [['prove', '--chain', '0'], /^spv: prove: --node is required/],
      [
        proveArgs(node.url, 1, '--kind', 'txout'),
        /^spv: prove: --kind must be one of TXOUT, TX, got "txout"/,
      ],
      [proveArgs(node.url, 1, '--format', 'yaml'), /^spv: prove: --format must be one of node, json, binary/],
      [proveArgs(node.url, 12), /^spv: prove: --target-chain 12 is not a chain of development/],
      [proveArgs('ftp://example', 1), /^spv: --node must be an http or https URL/],
      [
        ['prove', '--node', node.url, '--chain', '0', '--request-key', 'short', '--target-chain', '1'],
        /^spv: prove: --request-key must be a base64url request key/,
      ],
      [proveArgs(node.url, 1, '--network', 'nonet01'), /^spv: --network: unknown chainweb version/],
    ] as Array<[string[], RegExp]>) {
      const run = await runSpv(args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('spv verify --node', () => {
  let proofFile: string;
  beforeAll(async () => {
    proofFile = join(dir, 'cross.json');
    writeFileSync(proofFile, encodeSpvResponse((await expectedProof('TXOUT', 1)).proof));
  });

  it('trusts a root that is a canonical header of the target chain', async () => {
    const run = await runSpv(['verify', proofFile, '--node', node.url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^VALID TXOUT proof/);
    expect(run.stdout).toMatch(/root trusted +yes/);
  });

  it('does not trust a root on an orphaned fork (not_canonical) or one the node does not know (unknown_root)', async () => {
    const orphan = chainweb.fork(1, tx.height + 2);
    const forked = await expectedProof('TXOUT', 1, orphan.hash);
    const forkFile = join(dir, 'fork.json');
    writeFileSync(forkFile, encodeSpvResponse(forked.proof));
    const run = await runSpv(['verify', forkFile, '--node', node.url, '--json']);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({
      valid: false,
      root: orphan.hash.toString('base64url'),
      rootTrusted: false,
      reason: 'not_canonical',
    });

    // A real mainnet proof: sound, but its root is no header of this node.
    const real = await runSpv([
      'verify',
      join(VECTORS_DIR, 'spv_response_mainnet01_c0_to_c1_bKT10k.txt'),
      '--node',
      node.url,
      '--json',
    ]);
    expect(real.code).toBe(1);
    expect(json(real)).toMatchObject({
      valid: false,
      kind: 'TXOUT',
      rootTrusted: false,
      reason: 'unknown_root',
    });
  });

  it('exits 2 with one line when the node cannot be reached, and does not contact it for an undecodable proof', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const run = await runSpv(['verify', proofFile, '--node', closed]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`spv: cannot reach node ${closed}: ECONNREFUSED\n`);

    const garbage = join(dir, 'garbage.txt');
    writeFileSync(garbage, 'not a proof at all');
    const undecodable = await runSpv(['verify', garbage, '--node', closed, '--json']);
    expect(undecodable.code).toBe(1);
    expect(json(undecodable)).toMatchObject({ valid: false, kind: null, reason: 'unknown_format' });
  });

  it('uses --network instead of /info when given', async () => {
    const before = node.requests.filter((request) => request === 'GET /info').length;
    const run = await runSpv(['verify', proofFile, '--node', node.url, '--network', 'development', '--json']);
    expect(json(run)).toMatchObject({ valid: true, rootTrusted: true });
    expect(node.requests.filter((request) => request === 'GET /info').length).toBe(before);
  });
});

describe('anchored event proofs: tree, anchor transaction, spv prove, spv verify --node', () => {
  it('verifies an event proof chained to the TXOUT proof of its anchoring transaction', async () => {
    const anchorArgs = [
      'prove',
      '--node',
      node.url,
      '--chain',
      '7',
      '--request-key',
      anchorTx.requestKey,
      '--target-chain',
      '8',
      '--format',
      'json',
    ];
    const proved = await runSpv(anchorArgs);
    expect(proved.code).toBe(0);
    const anchored = anchorEventProof(batch.eventProof(4), BATCH_ID, parseSpvProof(proved.stdout.trim()));
    const root = chainweb.at(8, anchorTx.height + 1).hash.toString('base64url'); // 7 and 8 are adjacent
    const files = {
      json: join(dir, 'anchored.json'),
      binary: join(dir, 'anchored.bin'),
    };
    writeFileSync(files.json, encodeAnchoredEventProofJson(anchored));
    writeFileSync(files.binary, encodeAnchoredEventProofBinary(anchored));
    for (const path of Object.values(files)) {
      const run = await runSpv(['verify', path, '--node', node.url, '--tenant', 'acme', '--json']);
      expect({ path, code: run.code }).toEqual({ path, code: 0 });
      expect(json(run)).toEqual({
        valid: true,
        kind: 'anchored-event',
        chain: 8,
        algorithm: 'SHA512t_256',
        root,
        rootTrusted: true,
        subject: {
          tenantId: 'acme',
          namespace: 'orders',
          index: 4,
          digestAlgorithm: 'sha256',
          digest: batch.digest(4).toString('base64url'),
        },
      });
    }
    const summary = await runSpv(['verify', files.json]);
    expect(summary.stdout).toMatch(/^VALID anchored-event proof/);
    expect(summary.stdout).toContain(
      `batch        ${BATCH_ID}, root ${batch.root.toString('base64url')}, 9 events`,
    );

    // The same event claimed for another batch id than the anchor records: rejected.
    const forged = JSON.parse(readFileSync(files.json, 'utf8'));
    forged.batch.id = 'batch-0002';
    const forgedFile = join(dir, 'forged.json');
    writeFileSync(forgedFile, JSON.stringify(forged));
    const run = await runSpv(['verify', forgedFile, '--node', node.url, '--json']);
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({
      valid: false,
      kind: 'anchored-event',
      reason: 'anchor_output_mismatch',
      rootTrusted: null,
    });
    const otherTenant = await runSpv(['verify', files.json, '--tenant', 'globex', '--json']);
    expect(otherTenant.code).toBe(1);
    expect(json(otherTenant)).toMatchObject({ valid: false, reason: 'tenant_mismatch' });
  });
});
