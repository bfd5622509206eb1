import fc from 'fast-check';
import { vectorJson } from '../../test/vectors';
import { refLeaf, refNode, refRoot } from '../../test/reference-merkle';
import { buildPayload } from './payload-builder';
import { parsePayloadJson, payloadToJson } from './payload-json';
import { verifyPayload } from './payload-trees';

const code = (c: string) => expect.objectContaining({ name: 'ChainwebError', code: c });
const tagged = (tag: number, bytes: Uint8Array) => refLeaf(Buffer.concat([Buffer.from([0, tag]), bytes]));

describe('buildPayload', () => {
  it('rebuilds the real mainnet block from its stored bytes', () => {
    const real = parsePayloadJson(
      vectorJson<{ payloadWithOutputs: object }>('block_mainnet01_c15_h4841250_header_and_payload.json')
        .payloadWithOutputs,
    );
    const built = buildPayload({
      minerData: real.minerData,
      coinbase: real.coinbase!,
      transactions: real.transactions.map((transaction, i) => ({ transaction, output: real.outputs![i]! })),
    });
    expect(built).toEqual(real);
  });

  it('computes the hashes a naive reference computes and round-trips through node JSON', () => {
    const bytes = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b));
    fc.assert(
      fc.property(
        bytes,
        bytes,
        fc.array(fc.record({ transaction: bytes, output: bytes }), { maxLength: 12 }),
        (minerData, coinbase, transactions) => {
          const built = buildPayload({ minerData, coinbase, transactions });
          const txRoot = refRoot([
            tagged(0x17, minerData),
            ...transactions.map((t) => tagged(0x13, t.transaction)),
          ]);
          const outRoot = refRoot([
            tagged(0x18, coinbase),
            ...transactions.map((t) => tagged(0x14, t.output)),
          ]);
          expect(built.transactionsHash).toEqual(txRoot);
          expect(built.outputsHash).toEqual(outRoot);
          expect(built.payloadHash).toEqual(refNode(txRoot, outRoot));
          expect(verifyPayload(built).valid).toBe(true);
          expect(parsePayloadJson(JSON.parse(JSON.stringify(payloadToJson(built))))).toEqual(built);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('copies its inputs, so later changes to the caller buffers do not alter the payload', () => {
    const tx = Buffer.from('{"hash":"x"}');
    const built = buildPayload({
      minerData: Buffer.from('m'),
      coinbase: Buffer.from('c'),
      transactions: [{ transaction: tx, output: Buffer.from('o') }],
    });
    tx[0] = 0x20;
    expect(verifyPayload(built).valid).toBe(true);
  });

  it.each([
    ['no input', undefined],
    ['a string miner data', { minerData: 'm', coinbase: Buffer.alloc(1), transactions: [] }],
    ['no coinbase', { minerData: Buffer.alloc(1), transactions: [] }],
    [
      'transactions not an array',
      { minerData: Buffer.alloc(1), coinbase: Buffer.alloc(1), transactions: {} },
    ],
    [
      'a transaction without its output',
      {
        minerData: Buffer.alloc(1),
        coinbase: Buffer.alloc(1),
        transactions: [{ transaction: Buffer.alloc(1) }],
      },
    ],
    ['a null entry', { minerData: Buffer.alloc(1), coinbase: Buffer.alloc(1), transactions: [null] }],
  ])('rejects %s with invalid_input', (_what, input) => {
    expect(() => buildPayload(input as never)).toThrow(code('invalid_input'));
  });
});
