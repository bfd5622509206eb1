import { vectorJson } from '../../test/vectors';
import { toBase64Url } from '../base64url';
import type { BlockPayload } from './block-payload';
import { parsePayloadJson, payloadDataToJson, payloadToJson, payloadWithOutputsToJson } from './payload-json';
import { computePayloadHashes, verifyPayload } from './payload-trees';

const block = vectorJson<{ payloadWithOutputs: Record<string, unknown> }>(
  'block_mainnet01_c15_h4841250_header_and_payload.json',
).payloadWithOutputs;
const genesis0 = vectorJson<{ payloads: Record<string, { payloadWithOutputs: Record<string, unknown> }> }>(
  'payloads_genesis_chainweb_node.json',
).payloads['Mainnet0Payload.hs']!.payloadWithOutputs;

const code = (c: string) => expect.objectContaining({ name: 'ChainwebError', code: c });
const withField = (field: string, value: unknown) => ({ ...block, [field]: value });
const without = (field: string) => {
  const copy: Record<string, unknown> = { ...block };
  delete copy[field];
  return copy;
};
const pairs = () => (block['transactions'] as Array<[string, string]>).map((p) => [...p]);

describe('PayloadData (/payload/{h})', () => {
  const data = payloadDataToJson(parsePayloadJson(genesis0));

  it('serializes with the node key order and drops outputs and coinbase', () => {
    expect(Object.keys(data)).toEqual([
      'transactions',
      'minerData',
      'payloadHash',
      'transactionsHash',
      'outputsHash',
    ]);
    expect(data.transactions).toEqual((genesis0['transactions'] as string[][]).map((p) => p[0]));
  });

  it('round-trips and verifies its transactions against the recorded outputsHash', () => {
    const parsed = parsePayloadJson(JSON.stringify(data));
    expect(parsed.outputs).toBeUndefined();
    expect(parsed.coinbase).toBeUndefined();
    expect(JSON.stringify(payloadToJson(parsed))).toBe(JSON.stringify(data));
    expect(verifyPayload(parsed)).toMatchObject({ valid: true, outputsChecked: false });
    expect(computePayloadHashes(parsed).outputsHash).toBeUndefined();
  });

  it('cannot be served as PayloadWithOutputs', () => {
    expect(() => payloadWithOutputsToJson(parsePayloadJson(data))).toThrow(code('invalid_input'));
  });

  it('parses an empty block', () => {
    const empty = parsePayloadJson({ ...data, transactions: [] });
    expect(empty.transactions).toEqual([]);
  });
});

describe('PayloadWithOutputs (/payload/{h}/outputs)', () => {
  it('parses JSON text as well as the decoded value', () => {
    expect(parsePayloadJson(JSON.stringify(block))).toEqual(parsePayloadJson(block));
  });

  it('keeps the exact stored bytes', () => {
    const parsed = parsePayloadJson(block);
    const [tx, out] = (block['transactions'] as string[][])[1]!;
    expect(parsed.transactions[1]!.equals(Buffer.from(tx!, 'base64url'))).toBe(true);
    expect(parsed.outputs![1]!.equals(Buffer.from(out!, 'base64url'))).toBe(true);
    expect(parsed.coinbase!.equals(Buffer.from(block['coinbase'] as string, 'base64url'))).toBe(true);
  });

  it('accepts padded base64url as chainweb-node does and emits it unpadded', () => {
    const padded = withField(
      'minerData',
      `${block['minerData'] as string}${'='.repeat((4 - ((block['minerData'] as string).length % 4)) % 4)}`,
    );
    expect(payloadToJson(parsePayloadJson(padded))).toEqual(block);
  });
});

describe('malformed payload JSON gets a typed error', () => {
  it.each([
    ['null', null],
    ['a number', 7],
    ['an array', [block]],
  ])('rejects %s', (_what, value) => {
    expect(() => parsePayloadJson(value)).toThrow(code('invalid_input'));
  });

  it('rejects text that is not JSON', () => {
    expect(() => parsePayloadJson('{"transactions":')).toThrow(code('bad_encoding'));
  });

  it.each(['transactions', 'minerData', 'payloadHash', 'transactionsHash', 'outputsHash'])(
    'rejects a missing %s',
    (field) => {
      expect(() => parsePayloadJson(without(field))).toThrow(code('invalid_input'));
    },
  );

  it('rejects [transaction, output] pairs without a coinbase', () => {
    expect(() => parsePayloadJson(without('coinbase'))).toThrow(code('invalid_input'));
  });

  it.each([
    ['transactions is an object', withField('transactions', {})],
    ['a transaction is a number', withField('transactions', [1])],
    ['a pair lacks its output', withField('transactions', [pairs()[0]!.slice(0, 1)])],
    ['a pair has an extra output', withField('transactions', [[...pairs()[0]!, pairs()[1]![1]]])],
    ['PayloadData transactions with a coinbase', withField('transactions', [pairs()[0]![0]])],
    ['an output is null', withField('transactions', [[pairs()[0]![0], null]])],
    ['minerData is a number', withField('minerData', 12)],
    ['coinbase is null', withField('coinbase', null)],
    ['payloadHash is a number', withField('payloadHash', 1)],
  ])('rejects a payload where %s', (_what, value) => {
    expect(() => parsePayloadJson(value)).toThrow(code('invalid_input'));
  });

  const nonBase64Url = [
    ['standard base64 characters', 'ab+/'],
    ['spaces', 'ab cd'],
    ['a single trailing character', 'abcde'],
    ['non-canonical trailing bits', 'ab'],
    ['misplaced padding', 'ab=c'],
  ] as const;

  it.each(nonBase64Url)('rejects a transaction with %s', (_what, text) => {
    const txs = pairs();
    txs[0]![0] = text;
    expect(() => parsePayloadJson(withField('transactions', txs))).toThrow(code('bad_encoding'));
  });

  it.each(nonBase64Url)('rejects an output, the miner data and the coinbase with %s', (_what, text) => {
    const txs = pairs();
    txs[1]![1] = text;
    expect(() => parsePayloadJson(withField('transactions', txs))).toThrow(code('bad_encoding'));
    expect(() => parsePayloadJson(withField('minerData', text))).toThrow(code('bad_encoding'));
    expect(() => parsePayloadJson(withField('coinbase', text))).toThrow(code('bad_encoding'));
  });

  it.each(['payloadHash', 'transactionsHash', 'outputsHash'])(
    'rejects a %s that is not 32 bytes or not base64url',
    (field) => {
      expect(() => parsePayloadJson(withField(field, toBase64Url(Buffer.alloc(31))))).toThrow(
        code('bad_length'),
      );
      expect(() => parsePayloadJson(withField(field, toBase64Url(Buffer.alloc(33))))).toThrow(
        code('bad_length'),
      );
      expect(() => parsePayloadJson(withField(field, ''))).toThrow(code('bad_length'));
      expect(() => parsePayloadJson(withField(field, `${(block[field] as string).slice(0, 42)}+`))).toThrow(
        code('bad_encoding'),
      );
    },
  );
});

describe('malformed BlockPayload values get a typed error before hashing', () => {
  const good = parsePayloadJson(block);
  const mutate = (patch: Partial<Record<keyof BlockPayload, unknown>>) =>
    ({ ...good, ...patch }) as unknown as BlockPayload;
  const operations = [
    ['computePayloadHashes', computePayloadHashes],
    ['verifyPayload', verifyPayload],
    ['payloadToJson', payloadToJson],
  ] as const;

  it.each(operations)('%s rejects outputs whose count differs from the transactions', (_name, operation) => {
    expect(() => operation(mutate({ outputs: good.outputs!.slice(1) }))).toThrow(code('invalid_input'));
    expect(() => operation(mutate({ outputs: [...good.outputs!, good.outputs![0]] }))).toThrow(
      code('invalid_input'),
    );
  });

  it.each(operations)(
    '%s rejects outputs without a coinbase and a coinbase without outputs',
    (_name, operation) => {
      expect(() => operation(mutate({ coinbase: undefined }))).toThrow(code('invalid_input'));
      expect(() => operation(mutate({ outputs: undefined }))).toThrow(code('invalid_input'));
    },
  );

  it.each(operations)('%s rejects wrong types and hash lengths', (_name, operation) => {
    expect(() => operation(null as unknown as BlockPayload)).toThrow(code('invalid_input'));
    expect(() => operation(mutate({ transactions: ['eyJ9'] }))).toThrow(code('invalid_input'));
    expect(() => operation(mutate({ transactions: undefined }))).toThrow(code('invalid_input'));
    expect(() => operation(mutate({ minerData: 'eyJ9' }))).toThrow(code('invalid_input'));
    expect(() => operation(mutate({ payloadHash: Buffer.alloc(31) }))).toThrow(code('bad_length'));
    expect(() => operation(mutate({ transactionsHash: Buffer.alloc(64) }))).toThrow(code('bad_length'));
    expect(() => operation(mutate({ outputsHash: undefined }))).toThrow(code('invalid_input'));
  });
});
