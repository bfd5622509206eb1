import fc from 'fast-check';
import { vectorJson } from '../../test/vectors';
import { refLeaf, refNode, refRoot } from '../../test/reference-merkle';
import type { BlockPayload } from './block-payload';
import { parsePayloadJson, payloadDataToJson } from './payload-json';
import {
  assertValidPayload,
  computePayloadHash,
  computePayloadHashes,
  outputsTree,
  payloadTree,
  transactionsTree,
  verifyPayload,
} from './payload-trees';

const genesis = vectorJson<{ payloads: Record<string, { payloadWithOutputs: object }> }>(
  'payloads_genesis_chainweb_node.json',
);
const block = vectorJson<{ payloadWithOutputs: object }>(
  'block_mainnet01_c15_h4841250_header_and_payload.json',
);
const realPayloads: Array<[string, BlockPayload]> = [
  ...Object.entries(genesis.payloads).map(
    ([name, e]) => [name, parsePayloadJson(e.payloadWithOutputs)] as [string, BlockPayload],
  ),
  ['mainnet01 c15 h4841250', parsePayloadJson(block.payloadWithOutputs)],
];

const code = (c: string) => expect.objectContaining({ name: 'ChainwebError', code: c });
const tagged = (tag: number, bytes: Uint8Array) =>
  refLeaf(Buffer.concat([Buffer.from([tag >> 8, tag & 0xff]), bytes]));
const flipped = (bytes: Buffer, at: number): Buffer => {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
};
const replaceAt = (list: readonly Buffer[], i: number, value: Buffer) =>
  list.map((item, j) => (j === i ? value : item));
/** First, middle and last byte. */
const positions = (bytes: Buffer) => [...new Set([0, bytes.length >> 1, bytes.length - 1])];
const failedFields = (p: BlockPayload) => verifyPayload(p).failures.map((f) => f.field);

describe('a flipped byte changes the recomputed roots', () => {
  it.each(realPayloads)('%s: in any transaction', (_name, payload) => {
    const original = computePayloadHashes(payload);
    payload.transactions.forEach((tx, i) => {
      for (const at of positions(tx)) {
        const altered = { ...payload, transactions: replaceAt(payload.transactions, i, flipped(tx, at)) };
        const hashes = computePayloadHashes(altered);
        expect(hashes.transactionsHash.equals(original.transactionsHash)).toBe(false);
        expect(hashes.payloadHash.equals(original.payloadHash)).toBe(false);
        expect(hashes.outputsHash!.equals(original.outputsHash!)).toBe(true);
        expect(failedFields(altered)).toEqual(['transactionsHash', 'payloadHash']);
      }
    });
  });

  it.each(realPayloads)('%s: in any output', (_name, payload) => {
    payload.outputs!.forEach((out, i) => {
      for (const at of positions(out)) {
        const altered = { ...payload, outputs: replaceAt(payload.outputs!, i, flipped(out, at)) };
        expect(failedFields(altered)).toEqual(['outputsHash', 'payloadHash']);
      }
    });
  });

  it.each(realPayloads)('%s: in the miner data or the coinbase', (_name, payload) => {
    for (const at of positions(payload.minerData)) {
      expect(failedFields({ ...payload, minerData: flipped(payload.minerData, at) })).toEqual([
        'transactionsHash',
        'payloadHash',
      ]);
    }
    for (const at of positions(payload.coinbase!)) {
      expect(failedFields({ ...payload, coinbase: flipped(payload.coinbase!, at) })).toEqual([
        'outputsHash',
        'payloadHash',
      ]);
    }
  });

  it.each(realPayloads)('%s: in a recorded hash, reporting that hash alone', (_name, payload) => {
    for (const field of ['transactionsHash', 'outputsHash', 'payloadHash'] as const) {
      const verification = verifyPayload({ ...payload, [field]: flipped(payload[field], 31) });
      expect(verification.failures).toEqual([
        { field, recorded: flipped(payload[field], 31), computed: payload[field] },
      ]);
      expect(() => assertValidPayload({ ...payload, [field]: flipped(payload[field], 0) })).toThrow(
        code('hash_mismatch'),
      );
    }
    expect(() => assertValidPayload(payload)).not.toThrow();
  });

  it('in the transactions of a PayloadData, and trusts only the recorded outputsHash', () => {
    const data = parsePayloadJson(payloadDataToJson(realPayloads[0]![1]));
    const tx = data.transactions[2]!;
    expect(failedFields({ ...data, transactions: replaceAt(data.transactions, 2, flipped(tx, 5)) })).toEqual([
      'transactionsHash',
      'payloadHash',
    ]);
    expect(failedFields({ ...data, outputsHash: flipped(data.outputsHash, 3) })).toEqual(['payloadHash']);
  });

  it('when two transactions swap places', () => {
    const [, payload] = realPayloads[0]!;
    const txs = [...payload.transactions];
    [txs[0], txs[1]] = [txs[1]!, txs[0]!];
    expect(failedFields({ ...payload, transactions: txs })).toEqual(['transactionsHash', 'payloadHash']);
  });
});

describe('payload trees against a naive reference', () => {
  const bytesList = fc.array(
    fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
    { maxLength: 20 },
  );

  it('builds the tagged BlockTransactions and BlockOutputs trees for any count', () => {
    fc.assert(
      fc.property(
        fc.uint8Array().map((b) => Buffer.from(b)),
        bytesList,
        (header, body) => {
          const txs = transactionsTree(header, body);
          expect(txs.size).toBe(body.length + 1);
          expect(txs.root).toEqual(refRoot([tagged(0x17, header), ...body.map((b) => tagged(0x13, b))]));
          const outs = outputsTree(header, body);
          expect(outs.root).toEqual(refRoot([tagged(0x18, header), ...body.map((b) => tagged(0x14, b))]));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('uses the tag of each position: leaf 0 and leaves 1.. differ between the two trees', () => {
    const entry = Buffer.from('{}');
    expect(transactionsTree(entry, []).root).toEqual(tagged(0x0017, entry));
    expect(outputsTree(entry, []).root).toEqual(tagged(0x0018, entry));
    expect(transactionsTree(entry, [entry]).leaf(1)).toEqual(tagged(0x0013, entry));
    expect(outputsTree(entry, [entry]).leaf(1)).toEqual(tagged(0x0014, entry));
  });

  it('hashes the BlockPayload tree as one inner node over the two raw subtree roots', () => {
    const [, payload] = realPayloads[5]!;
    expect(computePayloadHash(payload.transactionsHash, payload.outputsHash)).toEqual(
      refNode(payload.transactionsHash, payload.outputsHash),
    );
    const tree = payloadTree(payload.transactionsHash, payload.outputsHash);
    expect(tree.root).toEqual(payload.payloadHash);
    expect(tree.leaf(1)).toEqual(payload.outputsHash);
  });

  it('rejects malformed tree inputs with typed errors', () => {
    expect(() => transactionsTree('x' as unknown as Buffer, [])).toThrow(code('invalid_input'));
    expect(() => transactionsTree(Buffer.alloc(1), {} as unknown as Buffer[])).toThrow(code('invalid_input'));
    expect(() => outputsTree(Buffer.alloc(1), [Buffer.alloc(1), 'x' as unknown as Buffer])).toThrow(
      code('invalid_input'),
    );
    expect(() => computePayloadHash(Buffer.alloc(32), Buffer.alloc(31))).toThrow(code('bad_length'));
    expect(() => payloadTree(Buffer.alloc(33), Buffer.alloc(32))).toThrow(code('bad_length'));
    expect(() => computePayloadHash(null as unknown as Buffer, Buffer.alloc(32))).toThrow(
      code('invalid_input'),
    );
  });
});
