import { b64, vectorJson } from './vectors';

/** One header record of the vector files (binary, decoded fields, Merkle leaves, recomputed hash). */
export interface HeaderRecord {
  binaryB64url: string;
  binaryLength: number;
  hash: string;
  computedHash: string;
  hashMatches: boolean;
  merkleLeaves?: Array<{ index: number; hash: string }>;
  decoded: {
    featureFlags: string;
    creationTime: number;
    parent: string;
    adjacents: Record<string, string>;
    target: string;
    targetHexBE: string;
    payloadHash: string;
    chainId: number;
    weight: string;
    weightDecimal: string;
    height: number;
    chainwebVersionCode: number;
    chainwebVersion: string;
    epochStart: number;
    nonce: string;
    hash: string;
  };
}

export interface MainnetValidationCase {
  testCase: number;
  comment: string;
  header: HeaderRecord;
  parent: HeaderRecord;
  adjacentParents: HeaderRecord[];
}

export interface TestnetInvalidCase {
  parent: HeaderRecord;
  header: HeaderRecord;
  expectedValidationErrors: string[];
}

export interface GenesisRecord extends HeaderRecord {
  genesisParentHash: string;
  goldenHash: string;
}

export const mainnetValidationCases = vectorJson<{ testCases: MainnetValidationCase[] }>(
  'headers_mainnet01_validation_tests.json',
).testCases;
export const testnetInvalidCases = vectorJson<{ cases: TestnetInvalidCase[] }>(
  'headers_testnet04_invalid_cases.json',
).cases;
export const h25ChainwebApi = vectorJson<{ objectJson: Record<string, unknown>; header: HeaderRecord }>(
  'headers_mainnet01_h25_chainweb_api.json',
);
export const genesisNetworks = vectorJson<{ networks: Record<string, GenesisRecord[]> }>(
  'genesis_headers_mainnet01_testnet04.json',
).networks;

/** Every header record of the vector files, labelled (headers shared by linked cases appear once per case). */
export const ALL_HEADER_RECORDS: Array<[string, HeaderRecord]> = [
  ...mainnetValidationCases.flatMap((tc) => [
    [`mainnet case ${tc.testCase} header`, tc.header] as [string, HeaderRecord],
    [`mainnet case ${tc.testCase} parent`, tc.parent] as [string, HeaderRecord],
    ...tc.adjacentParents.map(
      (a, i) => [`mainnet case ${tc.testCase} adjacent parent ${i}`, a] as [string, HeaderRecord],
    ),
  ]),
  ...testnetInvalidCases.flatMap((c, i) => [
    [`testnet04 invalid case ${i} header`, c.header] as [string, HeaderRecord],
    [`testnet04 invalid case ${i} parent`, c.parent] as [string, HeaderRecord],
  ]),
  ['mainnet chain 0 height 25 (chainweb-api)', h25ChainwebApi.header],
  ...Object.entries(genesisNetworks).flatMap(([network, headers]) =>
    headers.map((h) => [`${network} genesis chain ${h.decoded.chainId}`, h] as [string, HeaderRecord]),
  ),
];

export const recordBytes = (record: HeaderRecord): Buffer => b64(record.binaryB64url);
