/**
 * Header and chain-graph speed (`npm run bench -- header`).
 *
 * 1. Decoding a binary header and recomputing its block hash (14 leaves, 13 inner nodes): the work
 *    of ingesting headers from a node. Goal ≥ 10,000 headers/s on one core.
 * 2. Full validation of a real mainnet header with its parent and three adjacent parents (hash, PoW,
 *    graph, weight, epoch, new-DA target). Goal ≥ 5,000 headers/s.
 * 3. Shortest-path queries on the twenty-chain graph once its Floyd–Warshall matrix is built, and the
 *    cost of building that matrix for a fresh graph.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineBench, measure } from '../../../tools/bench';
import {
  computeBlockHash,
  decodeBlockHeader,
  defineChainGraph,
  MAINNET01,
  TWENTY_CHAIN_GRAPH,
  validateBlockHeader,
  type BlockHeader,
} from '../src/index';
import { VECTORS_DIR } from '../test/vectors';

interface Record {
  binaryB64url: string;
}
const vector = JSON.parse(
  readFileSync(join(VECTORS_DIR, 'headers_mainnet01_validation_tests.json'), 'utf8'),
) as {
  testCases: Array<{ header: Record; parent: Record; adjacentParents: Record[] }>;
};
// Case 23 opens an epoch under the new DA: the most expensive validation path.
const epochCase = vector.testCases[3] as { header: Record; parent: Record; adjacentParents: Record[] };
const bytes = (r: Record): Buffer => Buffer.from(r.binaryB64url, 'base64url');
const allBinaries = vector.testCases.flatMap((tc) =>
  [tc.header, tc.parent, ...tc.adjacentParents].map(bytes),
);

defineBench('chainweb/header', async (bench) => {
  const rounds = 2_000;
  const decodeAndHash = await measure(
    () => {
      for (let i = 0; i < rounds; i++) {
        const header = decodeBlockHeader(allBinaries[i % allBinaries.length] as Buffer);
        if (!computeBlockHash(header).equals(header.hash)) throw new Error('hash mismatch');
      }
    },
    { minRuns: 5, minTimeMs: 1000 },
  );
  bench.report({
    metric: 'decode + block hash',
    value: Math.round(rounds / (decodeAndHash.medianMs / 1000)),
    unit: 'headers/s',
    goal: { min: 10_000 },
  });

  const header = decodeBlockHeader(bytes(epochCase.header));
  const parent = decodeBlockHeader(bytes(epochCase.parent));
  const adjacentParents: BlockHeader[] = epochCase.adjacentParents.map((r) => decodeBlockHeader(bytes(r)));
  const validations = 1_000;
  const validate = await measure(
    () => {
      for (let i = 0; i < validations; i++) {
        const result = validateBlockHeader(header, {
          version: MAINNET01,
          parent,
          adjacentParents,
          now: 1n << 60n,
        });
        if (!result.valid) throw new Error(`unexpected failures ${result.failures.join()}`);
      }
    },
    { minRuns: 5, minTimeMs: 1000 },
  );
  bench.report({
    metric: 'full validation (parent + 3 adjacent parents, DA epoch end)',
    value: Math.round(validations / (validate.medianMs / 1000)),
    unit: 'headers/s',
    goal: { min: 5_000 },
  });

  const queries = 100_000;
  const paths = await measure(() => {
    for (let i = 0; i < queries; i++) TWENTY_CHAIN_GRAPH.shortestPath(i % 20, (i * 7) % 20);
  });
  bench.report({
    metric: 'shortestPath (twenty graph, cached matrix)',
    value: Math.round(queries / (paths.medianMs / 1000)),
    unit: 'paths/s',
  });

  const adjacency = TWENTY_CHAIN_GRAPH.toAdjacencyRecord();
  const build = await measure(() => defineChainGraph({ name: 'fresh', adjacency }).shortestPath(0, 19));
  bench.report({ metric: 'define twenty graph + Floyd–Warshall', value: build.medianMs, unit: 'ms' });
});
