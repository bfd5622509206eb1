/**
 * Merkle log speed and memory (`npm run bench -- merkle`).
 *
 * 1. Raw one-shot SHA-512/256 throughput on 64-byte inputs: the ceiling for everything below.
 * 2. A 1,000,000-leaf tree from leaf hashes, against the raw time of exactly the hashes it performs
 *    (n − 1 node hashes over 65-byte inputs 0x01 ‖ left ‖ right), and the same tree from inputs
 *    (n leaf hashes + n − 1 node hashes ≈ 2 M); goal: tree overhead ≤ 1.5× raw hashing.
 * 3. Peak memory of the 1M-leaf build, measured in a fresh process.
 * 4. Side by side with merkletreejs and @openzeppelin/merkle-tree on the same leaves with the same
 *    node hash, SHA-512/256(0x01 ‖ left ‖ right): build the tree and produce every leaf's proof.
 */
import { hash, randomFillSync } from 'node:crypto';
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { MerkleTree as MerkleTreeJs } from 'merkletreejs';
import { defineBench, isolated, measure, type BenchContext } from '../../../tools/bench';
import { HASH_LENGTH, MerkleTree, runSteps, sha512_256 } from '../src/index';

const MILLION = 1_000_000;
const NODE_PREFIX = Buffer.from([0x01]);

function randomLeaves(count: number): Buffer {
  const leaves = Buffer.allocUnsafe(count * HASH_LENGTH);
  randomFillSync(leaves);
  return leaves;
}

/** `count` one-shot hashes of one `size`-byte input: the work a tree does, minus the tree. */
function rawHashes(count: number, size: number): void {
  const input = randomFillSync(Buffer.allocUnsafe(size));
  for (let i = 0; i < count; i++) hash('sha512-256', input, 'buffer');
}

const MB = 1024 * 1024;

interface MemoryProbe {
  readonly peakRssDeltaBytes: number;
  readonly retainedBytes: number;
  readonly leavesBytes: number;
  readonly depth: number;
}

/** Runs in a fresh process: leaves are allocated first and count as the baseline. */
const memoryProbe = isolated<MemoryProbe>(
  'merkle-1m-memory',
  () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('the memory probe needs --expose-gc');
    const leaves = randomLeaves(MILLION);
    gc();
    const before = process.memoryUsage();
    const retainedBefore = before.heapUsed + before.external;
    const tree = MerkleTree.fromLeafHashes(leaves);
    // maxRSS is in kilobytes: the process's RSS high-water mark so far.
    const peakRss = process.resourceUsage().maxRSS * 1024;
    gc();
    const after = process.memoryUsage();
    return {
      peakRssDeltaBytes: peakRss - before.rss,
      retainedBytes: after.heapUsed + after.external - retainedBefore,
      leavesBytes: leaves.length,
      depth: tree.depth,
    };
  },
  { execArgv: ['--expose-gc'] },
);

async function treeVersusRaw(bench: BenchContext): Promise<void> {
  const raw64 = await measure(() => rawHashes(200_000, 64), { minRuns: 5, minTimeMs: 1000 });
  bench.report({
    metric: 'raw SHA-512/256, 64-byte inputs (one-shot crypto.hash)',
    value: 200_000 / (raw64.medianMs / 1000),
    unit: 'hashes/s',
  });

  const leaves = randomLeaves(MILLION);
  const inputs = randomLeaves(2 * MILLION); // 1M inputs of 64 bytes each
  const inputList = Array.from({ length: MILLION }, (_, i) => inputs.subarray(i * 64, (i + 1) * 64));

  // Interleaved so that load on the other core hits both sides alike.
  const options = { warmup: 1, minRuns: 3, maxRuns: 3, minTimeMs: 0 };
  const rawNodes = await measure(() => rawHashes(MILLION - 1, 65), options);
  const fromLeafHashes = await measure(() => MerkleTree.fromLeafHashes(leaves), options);
  const rawAll = await measure(() => {
    rawHashes(MILLION, 65);
    rawHashes(MILLION - 1, 65);
  }, options);
  const fromInputs = await measure(() => MerkleTree.fromInputs(inputList), options);

  bench.report({
    metric: 'fromLeafHashes, 1M leaves (999,999 node hashes)',
    value: fromLeafHashes.medianMs,
    unit: 'ms',
  });
  bench.report({
    metric: 'raw time of those 999,999 hashes (65-byte inputs)',
    value: rawNodes.medianMs,
    unit: 'ms',
  });
  bench.report({
    metric: 'fromLeafHashes 1M ÷ raw hashing',
    value: fromLeafHashes.medianMs / rawNodes.medianMs,
    unit: '×',
    goal: { max: 1.5 },
  });
  bench.report({
    metric: 'fromInputs, 1M 64-byte inputs (1,999,999 hashes)',
    value: fromInputs.medianMs,
    unit: 'ms',
  });
  bench.report({
    metric: 'raw time of those 1,999,999 hashes (65-byte inputs)',
    value: rawAll.medianMs,
    unit: 'ms',
  });
  bench.report({
    metric: 'fromInputs 1M ÷ raw hashing',
    value: fromInputs.medianMs / rawAll.medianMs,
    unit: '×',
    goal: { max: 1.5 },
  });
}

async function memory(bench: BenchContext): Promise<void> {
  const probe = await memoryProbe.run();
  if (probe.depth !== 20) throw new Error(`memory probe built a tree of depth ${probe.depth}, expected 20`);
  bench.report({
    metric: 'fromLeafHashes 1M: peak RSS above baseline',
    value: probe.peakRssDeltaBytes / MB,
    unit: 'MiB',
    note: `fresh process; baseline = RSS with the ${(probe.leavesBytes / MB).toFixed(1)} MiB of leaf hashes allocated; peak = process.resourceUsage().maxRSS after the build`,
  });
  bench.report({
    metric: 'fromLeafHashes 1M: retained heap + external',
    value: probe.retainedBytes / MB,
    unit: 'MiB',
    note: 'after gc(), minus the baseline: the inner levels, ideally (n − 1) × 32 bytes ≈ 30.5 MiB',
  });
}

/** Ours: build, then every leaf's proof (encoded steps). */
function ours(leaves: Buffer, count: number): Buffer {
  const tree = MerkleTree.fromLeafHashes(leaves);
  for (let i = 0; i < count; i++) tree.proofSteps(i);
  return tree.root;
}

/** Ours, also running every proof back to the root (OpenZeppelin checks each proof it returns). */
function oursVerified(leaves: Buffer, count: number): void {
  const tree = MerkleTree.fromLeafHashes(leaves);
  const root = tree.root;
  for (let i = 0; i < count; i++) {
    const reached = runSteps(leaves.subarray(i * HASH_LENGTH, (i + 1) * HASH_LENGTH), tree.proofSteps(i));
    if (!reached.equals(root)) throw new Error(`our proof of leaf ${i} does not reach the root`);
  }
}

/** merkletreejs with our node hash: the concatenator adds the 0x01 prefix, the hash is SHA-512/256. */
function buildMerkletreejs(leafList: readonly Buffer[]): MerkleTreeJs {
  return new MerkleTreeJs([...leafList], sha512_256, {
    hashLeaves: false,
    sortPairs: false,
    concatenator: (parts: Buffer[]) => Buffer.concat([NODE_PREFIX, ...parts]),
  });
}

function merkletreejs(leafList: readonly Buffer[]): Buffer {
  const tree = buildMerkletreejs(leafList);
  for (let i = 0; i < leafList.length; i++) tree.getProof(leafList[i] as Buffer, i);
  return tree.getRoot();
}

/**
 * OpenZeppelin's SimpleMerkleTree with a custom nodeHash. Its proofs carry no left/right sides
 * (`processProof` folds `nodeHash(acc, sibling)`), so its node hash must be commutative: the same
 * SHA-512/256(0x01 ‖ a ‖ b), over the pair in byte order, as its own keccak default does. Nodes are
 * 0x-hex strings throughout its API.
 */
function ozNodeHash(left: unknown, right: unknown): `0x${string}` {
  const a = toBytes(left);
  const b = toBytes(right);
  const [first, second] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
  return `0x${sha512_256(Buffer.concat([NODE_PREFIX, first, second])).toString('hex')}`;
}

function toBytes(value: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value.startsWith('0x') ? value.slice(2) : value, 'hex');
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new Error(`OpenZeppelin passed a node that is neither hex nor bytes: ${typeof value}`);
}

function openzeppelin(leafList: readonly Buffer[]): SimpleMerkleTree {
  const tree = SimpleMerkleTree.of([...leafList], { sortLeaves: false, nodeHash: ozNodeHash });
  for (let i = 0; i < leafList.length; i++) tree.getProof(i);
  return tree;
}

async function versusLibraries(bench: BenchContext, count: number): Promise<void> {
  const leaves = randomLeaves(count);
  const leafList = Array.from({ length: count }, (_, i) =>
    leaves.subarray(i * HASH_LENGTH, (i + 1) * HASH_LENGTH),
  );
  const label = `${count.toLocaleString('en-US')} leaves`;

  // Same shape (odd nodes promoted), same node hash: merkletreejs must reach our root exactly.
  if (!merkletreejs(leafList).equals(ours(leaves, count)))
    throw new Error(`merkletreejs and ours disagree on the root (${label})`);

  const big = count > 10_000;
  const mine = { warmup: 1, minRuns: 5, minTimeMs: 500 };
  const theirs = big
    ? { warmup: 0, minRuns: 2, maxRuns: 2, minTimeMs: 0 }
    : { warmup: 1, minRuns: 5, minTimeMs: 500 };
  const tOursBuild = await measure(() => MerkleTree.fromLeafHashes(leaves), mine);
  const tOurs = await measure(() => ours(leaves, count), mine);
  const tOursVerified = await measure(() => oursVerified(leaves, count), mine);
  const tMerkletreejsBuild = await measure(() => buildMerkletreejs(leafList), theirs);
  const tMerkletreejs = await measure(() => merkletreejs(leafList), theirs);
  // OpenZeppelin takes seconds per 100k run: one timed run there, the ratio is far from any noise.
  let ozTree: SimpleMerkleTree | undefined;
  const tOpenZeppelin = await measure(
    () => (ozTree = openzeppelin(leafList)),
    big ? { warmup: 0, minRuns: 1, maxRuns: 1, minTimeMs: 0 } : theirs,
  );
  const last = leafList[count - 1] as Buffer;
  if (!ozTree || !SimpleMerkleTree.verify(ozTree.root, last, ozTree.getProof(count - 1), ozNodeHash)) {
    throw new Error(`OpenZeppelin's proof of the last leaf does not verify (${label})`);
  }

  bench.report({ metric: `ours: build only, ${label}`, value: tOursBuild.medianMs, unit: 'ms' });
  bench.report({
    metric: `merkletreejs: build only, ${label}`,
    value: tMerkletreejsBuild.medianMs,
    unit: 'ms',
  });
  bench.report({ metric: `ours: build + all proofs, ${label}`, value: tOurs.medianMs, unit: 'ms' });
  bench.report({
    metric: `merkletreejs: build + all proofs, ${label}`,
    value: tMerkletreejs.medianMs,
    unit: 'ms',
  });
  bench.report({
    metric: `ours vs merkletreejs, ${label}`,
    value: tMerkletreejs.medianMs / tOurs.medianMs,
    unit: '× faster',
    goal: { min: 10 },
    note:
      'both sides do the same n − 1 one-shot SHA-512/256 node hashes; merkletreejs proofs are arrays of ' +
      'references to its node Buffers, ours are encoded 33-byte steps (copied)',
  });
  bench.report({
    metric: `OpenZeppelin: build + all proofs, ${label}`,
    value: tOpenZeppelin.medianMs,
    unit: 'ms',
  });
  bench.report({
    metric: `ours vs OpenZeppelin, ${label}`,
    value: tOpenZeppelin.medianMs / tOurs.medianMs,
    unit: '× faster',
    goal: { min: 10 },
  });
  bench.report({
    metric: `ours: build + all proofs + verify each, ${label}`,
    value: tOursVerified.medianMs,
    unit: 'ms',
  });
  bench.report({
    metric: `ours (verifying) vs OpenZeppelin, ${label}`,
    value: tOpenZeppelin.medianMs / tOursVerified.medianMs,
    unit: '× faster',
    note: 'like for like: OpenZeppelin getProof re-runs each proof to the root before returning it',
  });
}

defineBench('chainweb/merkle', async (bench) => {
  await treeVersusRaw(bench);
  await memory(bench);
  await versusLibraries(bench, 2_048);
  await versusLibraries(bench, 100_000);
});
