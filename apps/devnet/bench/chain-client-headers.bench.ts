import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defineBench } from '../../../tools/bench';
import { ChainwebNodeClient, type HeaderCache } from '@spv-cloud/chain-client';
import { startDevnet } from '../src';

/**
 * Headers fetched by hash per second through ChainwebNodeClient against the devnet on loopback
 * (each fetch is an HTTP request, a base64url decode, the block-hash recomputation and the checks of
 * chain and hash), without a cache and with the client's LRU header cache warm. Proof generation
 * walks the same headers again and again, which is what the cache is for.
 */
const CHAINS = 10;
const HEIGHT = 30;
const IN_FLIGHT = 8;

/** A cache that keeps nothing: every lookup goes to the node. */
const noCache: HeaderCache = { get: () => undefined, set: () => undefined };

async function fetchAll(
  client: ChainwebNodeClient,
  wanted: ReadonlyArray<[number, Buffer]>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < wanted.length) {
        const [chainId, hash] = wanted[next++]!;
        await client.header(chainId, hash);
      }
    }),
  );
  return performance.now() - started;
}

defineBench('chain-client/header-fetch', async (bench) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spv-chain-client-bench-'));
  const devnet = await startDevnet({ port: 0, dataDir, blockTimeMs: 20 });
  try {
    await devnet.waitForHeight(HEIGHT);
    const network = {
      name: 'devnet',
      baseUrl: devnet.url,
      chainwebVersion: 'development',
      chainIds: Array.from({ length: CHAINS }, (_, c) => c),
    };
    const lister = new ChainwebNodeClient(network);
    const wanted: Array<[number, Buffer]> = [];
    for (let chainId = 0; chainId < CHAINS; chainId++) {
      for await (const header of lister.allHeaders(chainId, { maxHeight: HEIGHT }))
        wanted.push([chainId, header.hash]);
    }

    const uncached = new ChainwebNodeClient(network, { headerCache: noCache });
    await fetchAll(uncached, wanted.slice(0, 50)); // warm-up
    const uncachedMs = await fetchAll(uncached, wanted);
    bench.report({
      metric: `headers by hash, no cache (${wanted.length} headers, ${IN_FLIGHT} in flight)`,
      value: Math.round((wanted.length / uncachedMs) * 1000),
      unit: 'headers/s',
    });

    const cached = new ChainwebNodeClient(network);
    await fetchAll(cached, wanted); // fills the cache
    const cachedMs = await fetchAll(cached, wanted);
    bench.report({
      metric: 'headers by hash, LRU cache warm',
      value: Math.round((wanted.length / cachedMs) * 1000),
      unit: 'headers/s',
    });
    bench.report({
      metric: 'cache speed-up',
      value: Number((uncachedMs / cachedMs).toFixed(1)),
      unit: '×',
      goal: { min: 10 },
    });
  } finally {
    await devnet.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
