import { vectorJson } from '../../test/vectors';
import { blake2b256 } from '../hash';
import { toBase64Url } from '../base64url';
import { parsePayloadJson, payloadToJson } from './payload-json';
import { computePayloadHashes, outputsTree, transactionsTree, verifyPayload } from './payload-trees';
import { checkRequestKey, decodePactTransaction, requestKeyOf } from './pact-transaction';
import { decodeCommandResult, outputRequestKey } from './command-result';
import { findTransactionIndex } from './transaction-lookup';

/**
 * Real chainweb-node payloads: the genesis payload modules of mainnet01 and testnet04, and one
 * mainnet block (chain 15 @ 4841250) served by /payload/{h}/outputs. Sources in vectors/README.md.
 */
interface PayloadWithOutputsVector {
  transactions: Array<[string, string]>;
  minerData: string;
  coinbase: string;
  payloadHash: string;
  transactionsHash: string;
  outputsHash: string;
}
interface GenesisPayloadEntry {
  network: string;
  chains: string;
  expectedPayloadHash: string;
  payloadWithOutputs: PayloadWithOutputsVector;
  computed: { transactionLeafHashes: string[]; outputLeafHashes: string[] };
}
interface GenesisHeader {
  binaryB64url: string;
  decoded: { chainId: number; payloadHash: string };
}

const genesis = vectorJson<{ payloads: Record<string, GenesisPayloadEntry> }>(
  'payloads_genesis_chainweb_node.json',
);
const genesisEntries = Object.entries(genesis.payloads);
const genesisHeaders = vectorJson<{ networks: Record<string, GenesisHeader[]> }>(
  'genesis_headers_mainnet01_testnet04.json',
);
const block = vectorJson<{
  headers: Array<{ binaryB64url: string; decoded: { payloadHash: string; parent: string } }>;
  payloadWithOutputs: PayloadWithOutputsVector;
  computed: { transactionLeafHashes: string[]; outputLeafHashes: string[] };
  decodedTransactions: Array<{ hash: string; cmd: string }>;
  decodedOutputs: Array<{ reqKey: string; txId: number; result: { status: string; data: unknown } }>;
}>('block_mainnet01_c15_h4841250_header_and_payload.json');

const b64 = (bytes: Buffer): string => toBase64Url(bytes);

/** "0", "10..19" → chain ids. */
function chainsOf(spec: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(spec);
  if (!range) return [Number(spec)];
  const out: number[] = [];
  for (let c = Number(range[1]); c <= Number(range[2]); c++) out.push(c);
  return out;
}

/** payloadHash straight from the binary header: after flags, time, parent, adjacents and target. */
function binaryPayloadHash(binaryB64url: string): string {
  const bytes = Buffer.from(binaryB64url, 'base64url');
  const adjacentCount = bytes.readUInt16LE(48);
  const offset = 50 + 36 * adjacentCount + 32;
  return b64(bytes.subarray(offset, offset + 32));
}

describe('genesis payloads (payloads_genesis_chainweb_node.json)', () => {
  it('covers all five genesis payload modules', () => {
    expect(genesisEntries).toHaveLength(5);
  });

  it.each(genesisEntries)('%s recomputes transactionsHash, outputsHash and payloadHash', (_name, entry) => {
    const payload = parsePayloadJson(entry.payloadWithOutputs);
    const hashes = computePayloadHashes(payload);
    expect(b64(hashes.transactionsHash)).toBe(entry.payloadWithOutputs.transactionsHash);
    expect(b64(hashes.outputsHash!)).toBe(entry.payloadWithOutputs.outputsHash);
    expect(b64(hashes.payloadHash)).toBe(entry.expectedPayloadHash);
    expect(verifyPayload(payload)).toMatchObject({ valid: true, failures: [], outputsChecked: true });

    const txTree = transactionsTree(payload.minerData, payload.transactions);
    const outTree = outputsTree(payload.coinbase!, payload.outputs!);
    expect(Array.from({ length: txTree.size }, (_, i) => b64(txTree.leaf(i)))).toEqual(
      entry.computed.transactionLeafHashes,
    );
    expect(Array.from({ length: outTree.size }, (_, i) => b64(outTree.leaf(i)))).toEqual(
      entry.computed.outputLeafHashes,
    );
  });

  it.each(genesisEntries)('%s serializes back to the exact node JSON', (_name, entry) => {
    expect(JSON.stringify(payloadToJson(parsePayloadJson(entry.payloadWithOutputs)))).toBe(
      JSON.stringify(entry.payloadWithOutputs),
    );
  });

  it('matches the payloadHash of every genesis header whose payload is available', () => {
    let matched = 0;
    for (const entry of genesisEntries.map(([, e]) => e)) {
      const payloadHash = b64(computePayloadHashes(parsePayloadJson(entry.payloadWithOutputs)).payloadHash);
      const headers = genesisHeaders.networks[entry.network]!;
      for (const chainId of chainsOf(entry.chains)) {
        const header = headers.find((h) => h.decoded.chainId === chainId)!;
        expect(binaryPayloadHash(header.binaryB64url)).toBe(header.decoded.payloadHash);
        expect(header.decoded.payloadHash).toBe(payloadHash);
        matched++;
      }
    }
    // mainnet01 chains 0, 1, 10..19 and testnet04 chains 0..19
    expect(matched).toBe(32);
  });

  it('keeps genesis transactions whose hash is not blake2b-256(cmd) and still finds them by request key', () => {
    for (const [, entry] of genesisEntries) {
      const payload = parsePayloadJson(entry.payloadWithOutputs);
      payload.transactions.forEach((tx, i) => {
        const key = requestKeyOf(tx);
        expect(checkRequestKey(tx)).toBe(false);
        expect(() => requestKeyOf(tx, { verify: true })).toThrow(
          expect.objectContaining({ code: 'hash_mismatch' }),
        );
        expect(outputRequestKey(payload.outputs![i]!)).toBe(key);
        expect(findTransactionIndex(payload, key)).toBe(i);
      });
      expect(decodeCommandResult(payload.coinbase!).result).toEqual({
        status: 'success',
        data: 'NO_COINBASE',
      });
    }
  });
});

describe('real mainnet block, chain 15 @ 4841250', () => {
  const payload = parsePayloadJson(block.payloadWithOutputs);

  it('recomputes its three hashes and matches the header that commits to it', () => {
    const hashes = computePayloadHashes(payload);
    expect(b64(hashes.transactionsHash)).toBe(block.payloadWithOutputs.transactionsHash);
    expect(b64(hashes.outputsHash!)).toBe(block.payloadWithOutputs.outputsHash);
    expect(b64(hashes.payloadHash)).toBe(block.payloadWithOutputs.payloadHash);
    expect(verifyPayload(payload).valid).toBe(true);
    const committing = block.headers.filter(
      (h) => binaryPayloadHash(h.binaryB64url) === b64(hashes.payloadHash),
    );
    expect(committing.length).toBeGreaterThanOrEqual(1);
    const txTree = transactionsTree(payload.minerData, payload.transactions);
    expect(Array.from({ length: txTree.size }, (_, i) => b64(txTree.leaf(i)))).toEqual(
      block.computed.transactionLeafHashes,
    );
  });

  it('has transaction hashes equal to base64url(blake2b-256(cmd))', () => {
    payload.transactions.forEach((bytes, i) => {
      const tx = decodePactTransaction(bytes);
      expect(tx.hash).toBe(block.decodedTransactions[i]!.hash);
      expect(tx.cmd).toBe(block.decodedTransactions[i]!.cmd);
      expect(tx.hash).toBe(b64(blake2b256(Buffer.from(tx.cmd, 'utf8'))));
      expect(checkRequestKey(bytes)).toBe(true);
      expect(requestKeyOf(bytes, { verify: true })).toBe(tx.hash);
      expect(tx.body.networkId).toBe('mainnet01');
      expect(tx.body.meta?.chainId).toBe('15');
    });
  });

  it('decodes each output and finds each transaction by request key', () => {
    payload.outputs!.forEach((bytes, i) => {
      const result = decodeCommandResult(bytes);
      const expected = block.decodedOutputs[i]!;
      expect(result.reqKey).toBe(expected.reqKey);
      expect(result.result).toEqual(expected.result);
      expect(result.json['txId']).toBe(expected.txId);
      expect(result.continuation).toBeNull();
      expect(findTransactionIndex(payload, expected.reqKey)).toBe(i);
    });
    expect(findTransactionIndex(payload, b64(Buffer.alloc(32, 7)))).toBe(-1);
    const coinbase = decodeCommandResult(payload.coinbase!);
    // The coinbase's reqKey is not a command hash: it is base64url of the JSON-quoted parent block hash.
    expect(Buffer.from(coinbase.reqKey, 'base64url').toString()).toBe(
      JSON.stringify(block.headers[0]!.decoded.parent),
    );
  });

  it('serializes back to the same JSON object', () => {
    expect(payloadToJson(payload)).toEqual(block.payloadWithOutputs);
  });
});
