import { vectorJson, vectorText } from '../../test/vectors';
import { blake2b256 } from '../hash';
import { toBase64Url } from '../base64url';
import { decodeCommandResult, outputRequestKey } from './command-result';
import {
  checkRequestKey,
  computeRequestKey,
  decodePactTransaction,
  PactTransaction,
  requestKeyOf,
} from './pact-transaction';
import { parsePayloadJson } from './payload-json';
import { findTransactionIndex } from './transaction-lookup';

const code = (c: string) => expect.objectContaining({ name: 'ChainwebError', code: c });
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const block = parsePayloadJson(
  vectorJson<{ payloadWithOutputs: object }>('block_mainnet01_c15_h4841250_header_and_payload.json')
    .payloadWithOutputs,
);
const realTx = JSON.parse(block.transactions[0]!.toString()) as {
  hash: string;
  sigs: unknown[];
  cmd: string;
};

/** The output proven by the real devnet /pact/spv response: step 0 of coin.transfer-crosschain. */
function crossChainOutput(): Buffer {
  const response = JSON.parse(vectorText('spv_response_devnet_c0_to_c1_zflBHR6Q.txt')) as string;
  const proof = JSON.parse(Buffer.from(response, 'base64url').toString()) as { subject: { input: string } };
  return Buffer.from(proof.subject.input, 'base64url').subarray(2);
}

describe('Pact transactions', () => {
  it('decodes {hash, sigs, cmd} and parses cmd only when asked', () => {
    const tx = decodePactTransaction(block.transactions[0]!);
    expect(tx).toBeInstanceOf(PactTransaction);
    expect(tx.hash).toBe(realTx.hash);
    expect(tx.sigs).toEqual(realTx.sigs);
    expect(tx.cmd).toBe(realTx.cmd);
    expect(tx.body.payload?.exec?.code).toEqual(expect.any(String));
    expect(tx.body).toBe(tx.body);

    const lazy = decodePactTransaction(json({ ...realTx, cmd: '{not json' }));
    expect(lazy.hash).toBe(realTx.hash);
    expect(() => lazy.body).toThrow(code('bad_encoding'));
    expect(() => decodePactTransaction(json({ ...realTx, cmd: '[1]' })).body).toThrow(code('bad_encoding'));
  });

  it('computes request keys as base64url(blake2b-256(UTF-8 cmd))', () => {
    expect(computeRequestKey(realTx.cmd)).toBe(realTx.hash);
    expect(computeRequestKey('é')).toBe(toBase64Url(blake2b256(Buffer.from([0xc3, 0xa9]))));
    const forged = json({ ...realTx, cmd: `${realTx.cmd} ` });
    expect(checkRequestKey(forged)).toBe(false);
    expect(requestKeyOf(forged)).toBe(realTx.hash);
    expect(() => requestKeyOf(forged, { verify: true })).toThrow(code('hash_mismatch'));
    expect(checkRequestKey(decodePactTransaction(block.transactions[1]!))).toBe(true);
  });

  it.each([
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'bad_encoding'],
    ['bytes that are not JSON', Buffer.from('{"hash":'), 'bad_encoding'],
    ['a JSON array', json([realTx]), 'invalid_input'],
    ['a missing hash', json({ sigs: [], cmd: '{}' }), 'invalid_input'],
    ['a numeric hash', json({ ...realTx, hash: 5 }), 'invalid_input'],
    [
      'a hash that is not base64url',
      json({ ...realTx, hash: `${realTx.hash.slice(0, 42)}+` }),
      'bad_encoding',
    ],
    ['a 31-byte hash', json({ ...realTx, hash: toBase64Url(Buffer.alloc(31)) }), 'bad_length'],
    ['a missing cmd', json({ hash: realTx.hash, sigs: [] }), 'invalid_input'],
    ['a cmd that is an object', json({ ...realTx, cmd: {} }), 'invalid_input'],
    ['sigs that are not an array', json({ ...realTx, sigs: {} }), 'invalid_input'],
    ['a sig entry without sig', json({ ...realTx, sigs: [{ pubKey: 'x' }] }), 'invalid_input'],
  ])('rejects %s', (_what, bytes, expected) => {
    expect(() => decodePactTransaction(bytes)).toThrow(code(expected));
    expect(() => requestKeyOf(bytes)).toThrow(code(expected));
  });

  it('rejects a non-byte input', () => {
    expect(() => decodePactTransaction('{}' as unknown as Buffer)).toThrow(code('invalid_input'));
    expect(() => computeRequestKey(1 as unknown as string)).toThrow(code('invalid_input'));
  });
});

describe('CommandResult outputs', () => {
  it('decodes the continuation of a cross-chain transfer step 0', () => {
    const result = decodeCommandResult(crossChainOutput());
    expect(result.reqKey).toBe('zflBHR6QJBR78rdiOu6Hr-zCwDTOEOeBamsjtUX94Zk');
    expect(result.result.status).toBe('success');
    expect(result.continuation).toMatchObject({
      pactId: 'zflBHR6QJBR78rdiOu6Hr-zCwDTOEOeBamsjtUX94Zk',
      step: 0,
      stepCount: 2,
      stepHasRollback: false,
      executed: null,
      continuation: { def: 'coin.transfer-crosschain' },
      yield: {
        source: '0',
        provenance: { targetChainId: '1', moduleHash: 'rE7DU8jlQL9x_MPYuniZJf5ICBTAEHAIFQCB4blofP4' },
      },
    });
    expect(result.events.map((e) => e.name)).toEqual(['TRANSFER', 'TRANSFER_XCHAIN', 'TRANSFER', 'X_YIELD']);
    expect(result.events[3]!.module).toEqual({ namespace: null, name: 'pact' });
    expect(result.json['txId']).toBe(3290);
  });

  it('decodes failures, absent optional fields and {"int": n} step numbers', () => {
    const base = { reqKey: realTx.hash, result: { status: 'failure', error: { message: 'boom' } } };
    expect(decodeCommandResult(json(base))).toMatchObject({
      result: { status: 'failure', error: { message: 'boom' } },
      continuation: null,
      events: [],
    });
    const output = JSON.parse(crossChainOutput().toString()) as { continuation: Record<string, unknown> };
    const intSteps = {
      ...output,
      continuation: { ...output.continuation, step: { int: 1 }, stepCount: { int: 2 } },
    };
    expect(decodeCommandResult(json(intSteps)).continuation).toMatchObject({ step: 1, stepCount: 2 });
    expect(outputRequestKey(block.outputs![1]!)).toBe(decodePactTransaction(block.transactions[1]!).hash);
  });

  const output = () => JSON.parse(crossChainOutput().toString()) as Record<string, Record<string, unknown>>;
  it.each([
    ['a missing reqKey', () => ({ ...output(), reqKey: undefined }), 'invalid_input'],
    ['a reqKey that is not base64url', () => ({ ...output(), reqKey: 'a+b' }), 'bad_encoding'],
    ['a missing result', () => ({ ...output(), result: undefined }), 'invalid_input'],
    ['an unknown status', () => ({ ...output(), result: { status: 'pending' } }), 'invalid_input'],
    ['events that are not an array', () => ({ ...output(), events: {} }), 'invalid_input'],
    [
      'an event without params',
      () => ({
        ...output(),
        events: [{ name: 'X', module: { name: 'm', namespace: null }, moduleHash: 'h' }],
      }),
      'invalid_input',
    ],
    [
      'a continuation without pactId',
      () => ({ ...output(), continuation: { ...output()['continuation'], pactId: 3 } }),
      'invalid_input',
    ],
    [
      'a continuation with a fractional step',
      () => ({ ...output(), continuation: { ...output()['continuation'], step: 0.5 } }),
      'invalid_input',
    ],
    [
      'a continuation without its def',
      () => ({ ...output(), continuation: { ...output()['continuation'], continuation: { args: [] } } }),
      'invalid_input',
    ],
    [
      'a provenance without target chain',
      () => ({
        ...output(),
        continuation: { ...output()['continuation'], yield: { data: {}, provenance: { moduleHash: 'h' } } },
      }),
      'invalid_input',
    ],
    ['a continuation that is a string', () => ({ ...output(), continuation: 'x' }), 'invalid_input'],
  ])('rejects an output with %s', (_what, make, expected) => {
    expect(() => decodeCommandResult(json(make()))).toThrow(code(expected));
  });

  it('rejects outputs that are not UTF-8 JSON objects', () => {
    expect(() => decodeCommandResult(Buffer.from([0xfe]))).toThrow(code('bad_encoding'));
    expect(() => decodeCommandResult(Buffer.from('null'))).toThrow(code('invalid_input'));
  });
});

describe('findTransactionIndex', () => {
  it('checks the request key it is given', () => {
    expect(() => findTransactionIndex(block, 'not base64url!')).toThrow(code('bad_encoding'));
    expect(() => findTransactionIndex(block, toBase64Url(Buffer.alloc(16)))).toThrow(code('bad_length'));
    expect(() => findTransactionIndex(block, 42 as unknown as string)).toThrow(code('invalid_input'));
  });

  it('matches the hash field, not a request key mentioned elsewhere in a command', () => {
    const key = toBase64Url(Buffer.alloc(32, 9));
    const mentioning = json({ ...realTx, cmd: JSON.stringify({ payload: { exec: { code: key } } }) });
    const owning = json({ ...realTx, hash: key });
    const payload = { ...block, outputs: undefined, coinbase: undefined, transactions: [mentioning, owning] };
    expect(findTransactionIndex(payload, key)).toBe(1);
    expect(findTransactionIndex({ ...payload, transactions: [mentioning] }, key)).toBe(-1);
  });
});
