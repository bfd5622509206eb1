import { defineBench, measure } from '../../../tools/bench';
import { syntheticChainweb, syntheticPayload } from '../test/spv-chain-fixtures';
import { realSpvProofs } from '../test/spv-fixtures';
import { createSpvProof, encodeSpvResponse, parseSpvProof, verifySpvProof } from '../src/spv';
import { chainwebVersion } from '../src/version';

/**
 * SPV costs on the service's request paths: verifying a customer's /pact/spv body (parse + Merkle
 * run + CommandResult decoding), re-encoding it, and creating a cross-chain proof from headers and a
 * payload already in memory (the I/O of a real HeaderSource is not measured here).
 */
const BATCH = 1_000;

defineBench('chainweb/spv', async (bench) => {
  const real = realSpvProofs().find((p) => p.id.startsWith('mainnet01'))!;
  const body = real.responseBody;

  const verify = await measure(() => {
    for (let i = 0; i < BATCH; i++)
      if (!verifySpvProof(body, { expectedChain: 1 }).valid) throw new Error('real proof does not verify');
  });
  bench.report({
    metric: 'verifySpvProof(/pact/spv body)',
    value: (BATCH / verify.medianMs) * 1000,
    unit: 'proofs/s',
    goal: { min: 10_000 },
    note: 'real mainnet 0→1 proof, 17 steps, parse + run + decode',
  });

  const parsed = parseSpvProof(body);
  const runOnly = await measure(() => {
    for (let i = 0; i < BATCH; i++) parsed.object.run(parsed.subject);
  });
  bench.report({
    metric: 'Merkle run of a parsed proof',
    value: (runOnly.medianMs / BATCH) * 1e6,
    unit: 'ns',
    goal: { max: 60_000 },
  });

  const encode = await measure(() => {
    for (let i = 0; i < BATCH; i++) encodeSpvResponse(parsed);
  });
  bench.report({
    metric: 'encodeSpvResponse',
    value: (encode.medianMs / BATCH) * 1e6,
    unit: 'ns',
    goal: { max: 30_000 },
  });

  const development = chainwebVersion('development');
  const web = syntheticChainweb(development, 16, (chain, height) =>
    chain === 0 && height === 10 ? syntheticPayload(0, height, 1_000) : undefined,
  );
  const blockHash = web.at(0, 10).hash;
  const create = await measure(() =>
    createSpvProof({
      version: development,
      kind: 'TXOUT',
      sourceChain: 0,
      blockHash,
      txIndex: 999,
      targetChain: 1,
      headers: web.headers,
      payloads: web.payloads,
    }),
  );
  bench.report({
    metric: 'createSpvProof 0→1 (1k-tx block)',
    value: create.medianMs,
    unit: 'ms',
    goal: { max: 25 },
    note: 'twenty-chain graph, 3 hops; in-memory sources',
  });
});
