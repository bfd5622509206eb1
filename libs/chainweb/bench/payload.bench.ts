import { defineBench, measure } from '../../../tools/bench';
import { vectorJson } from '../test/vectors';
import { blake2b256 } from '../src/hash';
import { toBase64Url } from '../src/base64url';
import {
  buildPayload,
  decodeCommandResult,
  findTransactionIndex,
  parsePayloadJson,
  payloadToJson,
  verifyPayload,
} from '../src/payload';

/**
 * Payload costs on the paths the service runs per request: parsing a node's /payload/{h}/outputs
 * answer, verifying its three hashes, finding a request key, and the devnet building a block.
 * A synthetic "full" block: 1,000 signed transfers (~1 kB command, ~0.6 kB output each).
 */
const TRANSACTIONS = 1_000;

function transfer(i: number): { transaction: Buffer; output: Buffer } {
  const cmd = JSON.stringify({
    networkId: 'mainnet01',
    payload: {
      exec: {
        data: { ks: { pred: 'keys-all', keys: [Buffer.alloc(32, i % 251).toString('hex')] } },
        code: `(coin.transfer-create "k:${'a'.repeat(64)}" "k:${Buffer.alloc(32, i % 97).toString('hex')}" (read-keyset "ks") ${i}.0)`,
      },
    },
    signers: [{ pubKey: 'a'.repeat(64), clist: [{ name: 'coin.GAS', args: [] }] }],
    meta: {
      creationTime: 1717689400 + i,
      ttl: 28800,
      gasLimit: 2500,
      chainId: '15',
      gasPrice: 1e-8,
      sender: `k:${'a'.repeat(64)}`,
    },
    nonce: `nonce-${i}`,
  });
  const hash = toBase64Url(blake2b256(Buffer.from(cmd)));
  const transaction = Buffer.from(JSON.stringify({ hash, sigs: [{ sig: 'b'.repeat(128) }], cmd }));
  const output = Buffer.from(
    JSON.stringify({
      gas: 433,
      result: { status: 'success', data: 'Write succeeded' },
      reqKey: hash,
      logs: toBase64Url(Buffer.alloc(32, 1)),
      events: [
        {
          params: [`k:${'a'.repeat(64)}`, `k:${'c'.repeat(64)}`, 4.33e-6],
          name: 'TRANSFER',
          module: { namespace: null, name: 'coin' },
          moduleHash: 'klFkrLfpyLW-M3xjVPSdqXEMgxPPJibRt_D6qiBws6s',
        },
      ],
      metaData: null,
      continuation: null,
      txId: 4410724 + i,
    }),
  );
  return { transaction, output };
}

defineBench('chainweb/payload', async (bench) => {
  const entries = Array.from({ length: TRANSACTIONS }, (_, i) => transfer(i));
  const input = {
    minerData: Buffer.from('{"account":"k:x","predicate":"keys-all","public-keys":["x"]}'),
    coinbase: entries[0]!.output,
    transactions: entries,
  };
  const built = buildPayload(input);
  const json = payloadToJson(built);
  const text = JSON.stringify(json);
  const lastKey = JSON.parse(entries[TRANSACTIONS - 1]!.transaction.toString()).hash as string;
  const note = `${TRANSACTIONS} txs, ${(text.length / 1e6).toFixed(2)} MB JSON`;

  const build = await measure(() => buildPayload(input));
  bench.report({
    metric: 'buildPayload, 1k txs',
    value: build.medianMs,
    unit: 'ms',
    goal: { max: 25 },
    note,
  });

  const parse = await measure(() => parsePayloadJson(text));
  bench.report({
    metric: 'parsePayloadJson (text), 1k txs',
    value: parse.medianMs,
    unit: 'ms',
    goal: { max: 15 },
    note,
  });

  const verify = await measure(() => {
    if (!verifyPayload(built).valid) throw new Error('synthetic payload does not verify');
  });
  bench.report({
    metric: 'verifyPayload, 1k txs',
    value: verify.medianMs,
    unit: 'ms',
    goal: { max: 25 },
    note,
  });

  const serialize = await measure(() => JSON.stringify(payloadToJson(built)));
  bench.report({
    metric: 'payloadToJson + stringify, 1k txs',
    value: serialize.medianMs,
    unit: 'ms',
    goal: { max: 15 },
  });

  const find = await measure(() => {
    if (findTransactionIndex(built, lastKey) !== TRANSACTIONS - 1) throw new Error('request key not found');
  });
  bench.report({
    metric: 'findTransactionIndex (last of 1k)',
    value: find.medianMs,
    unit: 'ms',
    goal: { max: 2 },
  });

  const decode = await measure(() => decodeCommandResult(built.outputs![TRANSACTIONS - 1]!));
  bench.report({
    metric: 'decodeCommandResult',
    value: decode.medianMs * 1000,
    unit: 'µs',
    goal: { max: 30 },
  });

  const genesis = vectorJson<{ payloads: Record<string, { payloadWithOutputs: object }> }>(
    'payloads_genesis_chainweb_node.json',
  );
  const genesisText = JSON.stringify(genesis.payloads['Mainnet0Payload.hs']!.payloadWithOutputs);
  const real = await measure(() => {
    if (!verifyPayload(parsePayloadJson(genesisText)).valid)
      throw new Error('genesis payload does not verify');
  });
  bench.report({
    metric: 'parse + verify mainnet01 genesis c0',
    value: real.medianMs,
    unit: 'ms',
    goal: { max: 5 },
    note: `${(genesisText.length / 1e3).toFixed(0)} kB JSON, 6 txs with Pact module code`,
  });
});
